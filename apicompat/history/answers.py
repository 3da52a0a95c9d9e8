"""Whole answers to history questions, kept in the history cache.

A question asked again about the same revisions, with the same settings and
the same apicompat, has the same answer: the revisions are immutable and
everything else that decides it is in the key (the question's words, the
revisions' full ids, the settings with every era's configuration and the
contents of their folders outside the repository, the compiler, and the code
that reads and classifies).  So a repeated `bisect` only resolves its two
revisions and reads one row.
"""
from __future__ import annotations

import hashlib
import json

from . import cache as C
from .steps import classify_digest


def question_key(kind: str, words: list, settings) -> str:
    """The cache key of a question: `kind`, its `words` (revision ids included) and what decides it."""
    from .walk import era_configs
    configs = era_configs(settings)
    payload = {
        "kind": kind, "words": words, "settings": repr(settings),
        "eras": [C.model_key(config, "answer") for config in configs],    # tool, compiler, folders
        "classify": classify_digest(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
