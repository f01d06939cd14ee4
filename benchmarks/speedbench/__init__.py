"""The speed benchmark in parts: the corpus it generates, the runner that times commands,
the sections that measure, and the report that prints figures against the budgets.

``benchmarks/speed.py`` is the entry point.
"""
