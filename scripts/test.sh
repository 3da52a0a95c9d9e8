#!/usr/bin/env bash
# Install apicompat with its test dependencies, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
python -m pip install -q --disable-pip-version-check -e '.[test]'
# The HTML report's browser tests need Debian's chromium and chromedriver (skipped without them).
if [ "$(id -u)" = 0 ] || [ -n "${APICOMPAT_INSTALL_BROWSER:-}" ]; then
  ./scripts/install_browser.sh || echo "browser install failed: the browser tests will be skipped"
fi
python -m pytest -q "$@"
