"""Helpers for tests that drive a real headless Chromium (see chromium.py)."""
