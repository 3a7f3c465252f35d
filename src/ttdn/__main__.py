from ttdn.cli import main

main()
