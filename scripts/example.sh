#!/usr/bin/env bash
# Install apicompat, create the bundled example repository and report on it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
python -m pip install -q --disable-pip-version-check -e .
demo=$(mktemp -d)/libdemo
apicompat example "$demo"
status=0
apicompat diff v1.0 v2.0 --repo "$demo" -D DEMO_TOOLS --format markdown --out reports/libdemo-v1.0-v2.0.md || status=$?
apicompat diff v1.0 v2.0 --repo "$demo" -D DEMO_TOOLS || true
echo "exit status of the diff: $status (12 = API changed and some change breaks code)"
