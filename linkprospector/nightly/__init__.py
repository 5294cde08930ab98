"""Nightly runs: the TOML config and the jobs it starts."""
