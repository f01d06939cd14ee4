"""The checks: rule specs, rule kinds, the loader and the engine that runs them."""
