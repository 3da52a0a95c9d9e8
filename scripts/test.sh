#!/usr/bin/env bash
# Install apicompat with its test dependencies, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q --disable-pip-version-check -e '.[test]'
python -m pytest -q "$@"
