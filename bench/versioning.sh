#!/usr/bin/env bash
# Versioning benchmark: `promptctl log` and `promptctl diff --all` on a repository with 1,000
# prompts and 10,000 commits touching 1-3 prompts each, next to the git commands that answer the
# same questions. Run by hand (never in tests):
#
#   cargo build --release && bench/versioning.sh [WORKDIR]
#
# Prints the median of RUNS runs for each command, without and with a commit-graph carrying
# changed-path Bloom filters, and for promptctl with a cold (just deleted) and warm history cache.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
BIN="${PROMPTCTL:-$HERE/../target/release/promptctl}"
WORK="${1:-$(mktemp -d)}"
REPO="$WORK/versioning-bench"
RUNS="${RUNS:-7}"
NAME="team07/prompt0007"
FILE="prompts/$NAME.prompt"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null

if [ ! -d "$REPO/.git" ]; then
  rm -rf "$REPO" && mkdir -p "$REPO"
  git -C "$REPO" init -q -b main
  python3 "$HERE/gen_versioning_repo.py" 1000 10000 | git -C "$REPO" fast-import --quiet
  git -C "$REPO" reset -q --hard main
  git -C "$REPO" gc -q
fi
cd "$REPO"
echo "repo: $(git rev-list --count HEAD) commits, $(git ls-files | wc -l) files; $NAME has $(git log --oneline -- "$FILE" | wc -l) versions"

# median wall time in ms of RUNS runs of "$@" (optionally running $BEFORE before each run)
median() {
  local times=()
  for _ in $(seq "$RUNS"); do
    [ -n "${BEFORE:-}" ] && eval "$BEFORE"
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

report() { printf '%-58s %6s ms\n' "$1" "$2"; }

run_all() {
  report "git log --oneline -- $FILE" "$(median git log --oneline -- "$FILE")"
  report "git diff --stat HEAD~100 HEAD" "$(median git diff --stat HEAD~100 HEAD)"
  report "promptctl log $NAME (cold: cache deleted)" "$(BEFORE='rm -rf .git/promptctl' median "$BIN" log "$NAME")"
  "$BIN" log "$NAME" >/dev/null
  report "promptctl log $NAME (warm cache)" "$(median "$BIN" log "$NAME")"
  report "promptctl diff --all HEAD~100..HEAD" "$(median "$BIN" diff --all HEAD~100..HEAD)"
  report "promptctl diff --all HEAD~100..HEAD --format json" "$(median "$BIN" --format json diff --all HEAD~100..HEAD)"
}

rm -f .git/objects/info/commit-graph
rm -rf .git/objects/info/commit-graphs
echo "== without commit-graph"
run_all
git commit-graph write --reachable --changed-paths
echo "== with commit-graph (changed-path Bloom filters)"
run_all
