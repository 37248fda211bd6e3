#!/usr/bin/env bash
# The main job over the bundled example library, offline: no API keys, no network.
#
# Builds promptctl, copies this library into a temporary git repository, and walks through what
# promptctl does: lint, list, show, render, search, scan, a dry run of a provider call, an A/B
# experiment replayed from committed cassettes with its statistical analysis (and once more as a
# batch run at batch prices), an `improve` run that proves which rewrite of a prompt is better,
# and the git side (history, semantic diff). Nothing in the repository is changed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
echo "Building promptctl (first time: several minutes on a small machine; cargo shows its progress)..." >&2
# `--tests` builds with the same profile and feature set as `cargo test` (dev-dependencies turn
# on tokio's `test-util`, and a different feature set would rebuild tokio and everything above
# it), so running the tests after the demo compiles nothing again.
cargo build --locked --bins --tests --manifest-path "$root/Cargo.toml"
bin="$root/target/debug/promptctl"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$here" "$work/library"
cd "$work/library"
rm -rf results/*/run-* 2>/dev/null || true
export GIT_AUTHOR_NAME="Demo" GIT_AUTHOR_EMAIL="demo@example.com"
export GIT_COMMITTER_NAME="Demo" GIT_COMMITTER_EMAIL="demo@example.com"
git init -q -b main
git add -A
git commit -q -m "Import the example library"

bold() { if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }
step() {
  local title="$1"
  shift
  echo
  bold "== $title"
  echo "\$ promptctl $*"
  local code=0
  "$bin" "$@" || code=$?
  [ "$code" -eq 0 ] || echo "(exit $code)"
}

step "Lint every prompt (rule ids, file:line:col, hints)" lint
step "The library as a tree" list
step "One prompt: metadata, variables, partials, links" show support/refund-request
step "Render with its defaults (roles become messages)" render support/refund-request
step "Render as JSON messages, with a variable" render classification/sentiment --var "message=The update broke my invoices" --format json
step "Search, typo-tolerant and ranked" search "refund polcy"
# planted/ticket-export.md holds a fake token, found once and allowed once (see that file); info
# findings are counted, not listed (`scan --show-info` lists them).
step "Scan for PII, secrets and prompt injection (one planted fake token)" scan prompts planted
step "The exact request a provider would get (nothing is sent)" run classification/sentiment --dry-run
# Before any new run of sentiment-models: the committed run's failed cases are part of what the
# recorded meta-prompt call was asked.
step "Improve a prompt: rewrites, checked, compared with the current version on a branch (replayed)" improve classification/sentiment -m openai/gpt-4o-mini --run --replay cassettes/improve-sentiment.jsonl
step "Plan an A/B experiment (keys are not needed to replay)" ab plan sentiment-models --offline
step "Run it from recorded responses (offline, free, deterministic)" ab run sentiment-models --replay cassettes/sentiment-models.jsonl
step "Analyze it: rates, lifts, intervals, p-values, decisions" ab analyze sentiment-models
step "The same run through the providers' batch APIs, replayed: half the price" ab run sentiment-models --batch --replay cassettes/sentiment-models.batch.jsonl
step "A quick significance test" stats test mcnemar --b 12 --c 3

# Change a prompt on a branch and commit it, then look at it the way git-native tooling should,
# and the way a pull request would be reviewed.
git checkout -q -b briefer-refunds
sed -i.bak 's/^description: .*/description: Answers a refund request, warmly and briefly./' prompts/support/refund-request.prompt
rm -f prompts/support/refund-request.prompt.bak
git commit -q -am "Make the refund reply briefer"
step "History of one prompt" log support/refund-request
step "Semantic diff between its versions" diff support/refund-request v1 v2
step "What CI runs on the pull request: lint, scan and release rules, new findings only" check --base main
step "What the reviewer reads: diff, rendered samples, change impact, evidence" pr-report main..HEAD --max-chars 4000
