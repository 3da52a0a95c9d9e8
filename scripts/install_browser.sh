#!/usr/bin/env bash
# Install what the HTML report's browser test needs: Debian's Chromium and its
# WebDriver (chromium-driver), and the Python selenium client.
# Idempotent: skips apt when /usr/bin/chromium and /usr/bin/chromedriver exist,
# and pip when selenium is already importable.  Needs root (CI runs as root).
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "install_browser: chromium and chromedriver already installed"
else
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
fi

if python3 -c "import selenium" 2>/dev/null; then
    echo "install_browser: selenium already installed"
else
    python3 -m pip install -q --disable-pip-version-check "selenium>=4.11"
fi
