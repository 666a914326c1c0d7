"""Benchmarks run by `make bench`: each module here defines `run(db) -> list[str]`.

Every benchmark times ansinh against a baseline doing the same work in the same run (a raw COPY,
a hand-written SQL query) and prints one line: `bench <name>: <figures> ratio=<x>`, where
ratio = baseline time ÷ ansinh time (1.0 = as fast as the baseline).
"""
