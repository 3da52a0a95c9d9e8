# Sourced by the set-up scripts: make (once) and enter the project-local
# virtual environment .venv, so nothing is installed into the system Python
# (stock Debian refuses global pip installs and has no `python` alias).
# Override the interpreter with APICOMPAT_PYTHON=/path/to/python3.
py=${APICOMPAT_PYTHON:-python3}
if ! command -v "$py" >/dev/null 2>&1; then
  echo "apicompat set-up: '$py' not found; install Python >= 3.10 (Debian: apt install python3 python3-venv)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$py" -m venv .venv; then
    rm -rf .venv
    echo "apicompat set-up: could not create .venv; on Debian/Ubuntu: apt install python3-venv" >&2
    exit 1
  fi
fi
# shellcheck disable=SC1091
. .venv/bin/activate
