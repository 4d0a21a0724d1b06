"""Benchmarks (`make bench`, `make bench-quick`): a synthetic report generator and the measuring script."""
