"""Press monitoring pages; one module per part (inbox, sources, cases, press, digests)."""
