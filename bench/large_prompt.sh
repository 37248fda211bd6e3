#!/usr/bin/env bash
# Large-prompt benchmark: whole-process time of `promptctl render` and `promptctl lint` on one
# prompt whose body is N lines of `Hello {{name}} line i`, at N and 2N lines, so a quadratic
# step shows as a 4x jump where a linear one shows 2x. Also times a front matter nested 100,000
# levels deep, which must be refused at once. Not a test: run it by hand and report the figures.
#
# Usage: bench/large_prompt.sh [N...]      (default: 10000 20000 40000)
# Env:   PROMPTCTL_BIN   binary to time (default: target/debug/promptctl, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${PROMPTCTL_BIN:-target/debug/promptctl}
if [ ! -x "$BIN" ]; then
  cargo build
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
OUT=bench/out/large-prompt
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 20000 40000)

# make_library DIR LINES: one prompt `big` with LINES template lines.
make_library() {
  mkdir -p "$1/prompts"
  : >"$1/promptctl.yaml"
  python3 - "$1/prompts/big.prompt" "$2" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
body = "".join(f"Hello {{{{name}}}} line {i}\n" for i in range(n))
with open(path, "w") as f:
    f.write("---\nname: big\ndescription: a large prompt\ninput:\n  schema:\n    name: string\n---\n" + body)
PY
}

# seconds COMMAND...: wall time of one run, in seconds with millisecond precision.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

echo "== $("$BIN" --version), $(nproc) cores, $BIN"
for n in "${SIZES[@]}"; do
  dir=$OUT/lines-$n
  [ -f "$dir/prompts/big.prompt" ] || make_library "$dir" "$n"
  size=$(wc -c <"$dir/prompts/big.prompt")
  printf '%7d lines %8d bytes  render %7ss  lint %7ss\n' "$n" "$size" \
    "$(seconds "$BIN" -C "$dir" render big --var name=x)" \
    "$(seconds "$BIN" -C "$dir" lint)"
done

deep=$OUT/deep
if [ ! -f "$deep/prompts/deep.prompt" ]; then
  mkdir -p "$deep/prompts"
  : >"$deep/promptctl.yaml"
  python3 -c 'd = 100000; print("---\nname: deep\nx: " + "[" * d + "]" * d + "\n---\nHi")' \
    >"$deep/prompts/deep.prompt"
fi
for cmd in "lint" "render deep" "list" "search deep" "scan"; do
  # shellcheck disable=SC2086
  printf 'depth 100000  %-12s %7ss\n' "$cmd" "$(seconds "$BIN" -C "$deep" $cmd)"
done
