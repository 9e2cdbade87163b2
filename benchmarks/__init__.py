"""Benchmarks of reader: synthetic libraries, a runner, one table (python -m benchmarks)."""
