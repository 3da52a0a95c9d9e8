#!/usr/bin/env bash
# Install apicompat with its test dependencies, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
python -m pip install -q --disable-pip-version-check -e '.[test]'
# The HTML report's browser tests need Debian's chromium and chromedriver, and `migrate`'s
# tests Coccinelle's spatch (each skipped, saying so, without them).
if [ "$(id -u)" = 0 ] || [ -n "${APICOMPAT_INSTALL_BROWSER:-}" ]; then
  ./scripts/install_browser.sh || echo "browser install failed: the browser tests will be skipped"
fi
if [ "$(id -u)" = 0 ] && ! command -v spatch >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q --no-install-recommends coccinelle >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends coccinelle >/dev/null; }; } \
    || echo "coccinelle install failed: the migrate tests will be skipped"
fi
python -m pytest -q "$@"
