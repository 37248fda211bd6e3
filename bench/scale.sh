#!/usr/bin/env bash
# Scale benchmark: time and peak memory of whole `promptctl` processes over a generated library
# of COUNT prompts (list, lint, scan, search cold and warm, render one prompt) and of `log` on a
# generated history of COMMITS commits (cold and warm). Run by hand on a quiet machine, never in
# the tests:
#
#   cargo build --release && bench/scale.sh [COUNT] [COMMITS] [WORKDIR]
#
# Defaults: 100000 prompts, 10000 commits, a fresh temporary WORKDIR that is deleted at the end
# (set KEEP=1 to keep it). The 1M case: `bench/scale.sh 1000000 100000` (about 4.5 GB of files:
# check free disk first). Env: PROMPTCTL (binary, default target/release/promptctl), RUNS (warm
# runs, median shown, default 5), SKIP_SCAN=1 to skip the scan row, LIBRARY_ONLY=1 to stop after
# the list and lint rows (the 1M streaming check: `LIBRARY_ONLY=1 bench/scale.sh 1000000`).
#
# Each row: wall seconds, CPU seconds (user + system) and peak resident memory, from
# /usr/bin/time. CPU time is what to compare on a busy machine.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
COUNT=${1:-100000}
COMMITS=${2:-10000}
WORK=${3:-$(mktemp -d)}
BIN="${PROMPTCTL:-$HERE/../target/release/promptctl}"
RUNS=${RUNS:-5}
LIB="$WORK/lib-$COUNT"
REPO="$WORK/history-$COMMITS"
TIMES="$WORK/time.out"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null

cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$LIB" "$REPO" "$TIMES"; }
trap cleanup EXIT

# row LABEL COMMAND...: one run, "wall s, cpu s, peak MB"
row() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$TIMES" "$@" >/dev/null 2>&1 || true
  awk -v l="$label" '{printf "%-44s %7.2f s wall %7.2f s cpu %7.0f MB peak\n", l, $1, $2 + $3, $4 / 1024}' "$TIMES"
}

# warm LABEL COMMAND...: RUNS runs, the median by wall time
warm() {
  local label=$1
  shift
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$TIMES" "$@" >/dev/null 2>&1 || true
    cat "$TIMES"
  done | sort -n | sed -n "$(((RUNS + 1) / 2))p" |
    awk -v l="$label" '{printf "%-44s %7.3f s wall %7.3f s cpu %7.0f MB peak (median of '"$RUNS"')\n", l, $1, $2 + $3, $4 / 1024}'
}

echo "== $("$BIN" --version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$LIB/promptctl.yaml" ]; then
  echo "generating $COUNT prompts in $LIB"
  python3 "$HERE/gen_library.py" "$COUNT" "$LIB" >/dev/null
fi
echo "library: $COUNT prompts, $(du -sh "$LIB" | cut -f1)"
rm -rf "$LIB/.promptctl/cache"
PROMPT=support/chat/b000/p000000
row "list" "$BIN" -C "$LIB" list
row "list --format json (streamed)" "$BIN" -C "$LIB" list --format json
row "lint (streamed)" "$BIN" -C "$LIB" lint
row "lint --format json (streamed)" "$BIN" -C "$LIB" lint --format json
[ -z "${LIBRARY_ONLY:-}" ] || exit 0
[ -n "${SKIP_SCAN:-}" ] || row "scan" "$BIN" -C "$LIB" scan
row "search refund (cold: no index)" "$BIN" -C "$LIB" search refund
# The cold search answers by a scan and leaves the index to a detached background build: wait
# for it (index written, lock gone) so the warm rows measure the index, not another scan.
CACHE="$LIB/.promptctl/cache"
start_wait=$(date +%s)
until [ -f "$CACHE/search-index.bin" ] && [ ! -f "$CACHE/search-index.lock" ]; do sleep 0.5; done
echo "background index build finished $(($(date +%s) - start_wait)) s after the cold search"
echo "search index: $(du -sh "$LIB/.promptctl/cache" | cut -f1)"
warm "search refund policy (warm)" "$BIN" -C "$LIB" search refund policy
warm "search sumary meeting (warm, typo)" "$BIN" -C "$LIB" search sumary meeting
find "$LIB/prompts" -name 'p0001*.prompt' | head -100 | while read -r f; do
  printf '\nEdited for the incremental benchmark.\n' >>"$f"
done
row "search refund (100 files changed)" "$BIN" -C "$LIB" search refund
echo "search index: $(du -sh "$LIB/.promptctl/cache" | cut -f1) (main file and delta)"
warm "search refund policy (warm, with the delta)" "$BIN" -C "$LIB" search refund policy
find "$LIB/prompts" -name 'p0002*.prompt' | head -100 | xargs touch
row "search refund (100 files touched, same content)" "$BIN" -C "$LIB" search refund
warm "render $PROMPT" "$BIN" -C "$LIB" render "$PROMPT" --var details=late

if [ ! -d "$REPO/.git" ]; then
  echo "generating $COMMITS commits in $REPO"
  mkdir -p "$REPO"
  git -C "$REPO" init -q -b main
  python3 "$HERE/gen_versioning_repo.py" 1000 "$COMMITS" | git -C "$REPO" fast-import --quiet
  git -C "$REPO" reset -q --hard main
  git -C "$REPO" -c gc.writeCommitGraph=false gc -q
fi
NAME=team07/prompt0007
cd "$REPO"
echo "history: $(git rev-list --count HEAD) commits; $NAME has $(git log --oneline -- "prompts/$NAME.prompt" | wc -l) versions"
rm -rf .git/promptctl .git/objects/info/commit-graph .git/objects/info/commit-graphs
row "log (first run: no cache, no commit-graph)" "$BIN" log "$NAME"
warm "log (warm)" "$BIN" log "$NAME"
rm -rf .git/promptctl .git/objects/info/commit-graph .git/objects/info/commit-graphs
git commit-graph write --reachable --changed-paths --no-progress
row "log (first run, git wrote the commit-graph)" "$BIN" log "$NAME"
warm "git log -- FILE (commit-graph, Bloom)" git log --oneline -- "prompts/$NAME.prompt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
