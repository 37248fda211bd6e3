#!/usr/bin/env bash
# Wall time of `promptctl check` on a generated library in a git repository.
#
#   bench/check.sh [PROMPTS]          # default 10000
#
# Builds the release binary, generates bench/out/check-PROMPTS/ (bench/gen_library.py), commits
# it on `main`, then on a branch edits one prompt and adds one file, and times (best of 3):
#   check --base main          the pull-request case: 2 files in scope, both sides linted
#   check                      uncommitted changes only (after the branch's commit: none)
#   check --all                every file, no base
#   check --all --base main    every file, judged against the base
# Run by hand; nothing here is a test.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
out="bench/out/check-$count"
cargo build --release --quiet
bin="$PWD/target/release/promptctl"
if [ ! -d "$out/.git" ]; then
  rm -rf "$out"
  python3 bench/gen_library.py "$count" "$out"
  (
    cd "$out"
    git init -q -b main
    git add -A
    git -c user.name=bench -c user.email=bench@example.com commit -q -m "Library"
    git checkout -q -b feature
    first=$(git ls-files 'prompts/*.prompt' | head -n 1)
    printf '\nAlso mention the order number.\n' >> "$first"
    printf 'Notes for the release.\n' > notes.md
    git add -A
    git -c user.name=bench -c user.email=bench@example.com commit -q -m "Edit"
  )
fi
cd "$out"
time_best() {
  local best="" start end t
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$bin" "$@" --format json > /dev/null || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  printf '%-28s %7.3f s\n' "$*" "$best"
}
echo "prompts: $count  cores: $(nproc)"
time_best check --base main
time_best check
time_best check --all
time_best check --all --base main
