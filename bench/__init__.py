"""Benchmarks: each module is one command that prints a table with ratios to a baseline."""
