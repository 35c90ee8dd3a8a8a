"""The `make bench` harness: data, processes, load, statistics and the report (see bench/README.md)."""
