#!/usr/bin/env bash
# Every test: cargo's, then the wheel and the pre-commit hooks end to end
# (tests/packaging/pre-commit-hooks.sh, which builds the wheel from the same target/ and so
# compiles little after `cargo test`). This is the test command README.md prints and .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# maturin and pre-commit, when installed where README.md says.
if [ -d target/py/bin ]; then
  export PATH="$PWD/target/py/bin:$PATH"
fi
cargo test --locked
bash tests/packaging/pre-commit-hooks.sh
