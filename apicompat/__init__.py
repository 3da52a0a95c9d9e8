"""apicompat: what changed in a C library's API between two revisions, and what to do about it."""

__version__ = "0.1.0"
