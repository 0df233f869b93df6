"""Outside data sets fetched into xbench's cache (never committed): `xbench data fetch NAME`."""
