#!/usr/bin/env bash
# Create ./.venv and install Smilebox with every extra (and, with --test, the test tools).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install --quiet -e '.[all,test]'
else
  .venv/bin/python -m pip install --quiet -e '.[all]'
fi
