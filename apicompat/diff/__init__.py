"""Diffing two API models: compare (raw differences) -> classify (findings)."""
