"""Extraction: a revision's headers -> preprocessed C -> pycparser AST -> ApiModel.

`extract_model(repo, rev, config)` in `pipeline` is the entry point.
"""
