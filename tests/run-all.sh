#!/usr/bin/env bash
# Every test: cargo's, then the wheel and the pre-commit hooks end to end
# (tests/packaging/pre-commit-hooks.sh, which builds the wheel from the same target/ and so
# compiles little after `cargo test`). This is the test command README.md prints and .ci/run runs.
#
# maturin and pre-commit are installed into a virtualenv under target/py (from PyPI) when that
# virtualenv does not have them yet.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -x target/py/bin/maturin ] || ! [ -x target/py/bin/pre-commit ]; then
  echo "== installing maturin and pre-commit into target/py"
  python3 -m venv target/py
  target/py/bin/pip install --quiet --disable-pip-version-check 'maturin>=1.9,<2' 'pre-commit>=3.2'
fi
export PATH="$PWD/target/py/bin:$PATH"
cargo test --locked
bash tests/packaging/pre-commit-hooks.sh
