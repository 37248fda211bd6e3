#!/usr/bin/env bash
# Foundation benchmark: `promptctl lint` over generated libraries of 10,000 and 100,000 prompts,
# and the whole-process time of `promptctl render` for one prompt. Not a test: run it by hand on
# a quiet machine and report the figures.
#
# Usage: bench/foundation.sh [RUNS]        (RUNS defaults to 5; the 100k lint uses min(RUNS, 3))
# Env:   PROMPTCTL_BIN   binary to time (default: target/release/promptctl, built if missing)
#
# Libraries are generated once into bench/out/ (git-ignored) by bench/gen_library.py.
# Uses hyperfine when installed; otherwise a loop timed with `date +%s%N`.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
OUT=bench/out
BIN=${PROMPTCTL_BIN:-target/release/promptctl}
if [ ! -x "$BIN" ]; then
  echo "== building $BIN" >&2
  cargo build --release
fi

for n in 10000 100000; do
  if [ ! -f "$OUT/lib-$n/promptctl.yaml" ]; then
    echo "== generating $n prompts into $OUT/lib-$n" >&2
    python3 bench/gen_library.py "$n" "$OUT/lib-$n"
  fi
done

# measure LABEL RUNS COMMAND...: prints min / median / mean wall time in milliseconds.
measure() {
  local label=$1 runs=$2
  shift 2
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs "$runs" --ignore-failure --command-name "$label" \
      --export-json "$OUT/$label.json" "$(printf '%q ' "$@")"
    return
  fi
  "$@" >/dev/null 2>&1 || true # warm-up: file cache, binary pages
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
    { t[NR] = $1; sum += $1 }
    END {
      median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-22s runs=%d  min=%.1f ms  median=%.1f ms  mean=%.1f ms\n",
        label, NR, t[1] / 1000, median / 1000, sum / NR / 1000
    }'
}

echo "== $($BIN --version), $(nproc) cores"
echo "== findings (sanity check: the generated libraries should lint clean)"
for n in 10000 100000; do
  "$BIN" -C "$OUT/lib-$n" lint --format json | python3 -c \
    'import json, sys; d = json.load(sys.stdin); print(d["files_checked"], "files, summary", d["summary"])'
done

measure lint-10k "$RUNS" "$BIN" -C "$OUT/lib-10000" lint
measure lint-100k "$((RUNS < 3 ? RUNS : 3))" "$BIN" -C "$OUT/lib-100000" lint
PROMPT=support/chat/b000/p000000
measure render-one "$((RUNS * 10))" "$BIN" -C "$OUT/lib-10000" render "$PROMPT" --var details=late
