"""What press monitoring reads, for views, jobs, exports and the command line."""
