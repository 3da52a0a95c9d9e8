#!/usr/bin/env python3
"""Write docs/changes.md from the change-kind catalogue.

    python scripts/gen_docs.py          # (re)write docs/changes.md
    python scripts/gen_docs.py --check  # exit 1 if docs/changes.md is stale
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from apicompat.report.kinds_doc import render_kinds_markdown

CHANGES_MD = Path(__file__).resolve().parent.parent / "docs" / "changes.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the page differs from the catalogue")
    args = parser.parse_args(argv)
    page = render_kinds_markdown()
    current = CHANGES_MD.read_text() if CHANGES_MD.exists() else None
    if args.check:
        if current != page:
            print(f"{CHANGES_MD} is stale: run python scripts/gen_docs.py", file=sys.stderr)
            return 1
        return 0
    if current != page:
        CHANGES_MD.parent.mkdir(parents=True, exist_ok=True)
        CHANGES_MD.write_text(page)
        print(f"wrote {CHANGES_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
