#!/usr/bin/env bash
# One command from a fresh clone to results: install into ./.venv, then run the main job on the sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/smilebox quickstart --no-serve "$@"
