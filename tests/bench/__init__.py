"""Benchmarks (run as scripts, never collected by pytest) and their synthetic corpus."""
