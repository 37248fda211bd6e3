#!/usr/bin/env bash
# Runs `promptctl check` (annotations on stdout, SARIF to a file) and, on pull requests,
# `promptctl pr-report`; records the results as step outputs. The job's verdict is decided by a
# later step, so the comment and the upload happen even when the check fails.
set -uo pipefail

out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/promptctl"
mkdir -p "$out"
sarif="$out/check.sarif"
comment="$out/pr-comment.md"
report="$out/pr-report.md"

is_pr=false base_sha=""
while IFS='=' read -r key value; do
  case "$key" in
    pull_request) is_pr="$value" ;;
    base_sha) base_sha="$value" ;;
  esac
done < <(promptctl github pr)

args=(check --format github --sarif "$sarif")
if [ "$is_pr" = true ]; then
  args+=(--base "$base_sha")
else
  args+=(--all)
fi
if [ -n "${FAIL_ON:-}" ]; then
  args+=(--fail-on "$FAIL_ON")
fi

promptctl "${args[@]}"
code=$?
if [ "$code" -gt 1 ]; then
  echo "::error title=promptctl check::promptctl check could not run (exit $code); see the log above"
  exit "$code"
fi
{
  echo "exit-code=$code"
  echo "sarif=$sarif"
} >> "$GITHUB_OUTPUT"

if [ "$is_pr" = true ]; then
  if ! promptctl pr-report "$base_sha..HEAD" --format markdown --output "$report" > "$comment"; then
    echo "::error title=promptctl pr-report::the review report could not be written; see the log above"
    exit 3
  fi
  if [ "${REPLAY_EXPERIMENTS:-false}" = true ]; then
    bash "$(dirname "$0")/replay.sh" "$comment" "$report"
  fi
  {
    echo "comment=$comment"
    echo "report=$report"
  } >> "$GITHUB_OUTPUT"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$comment" >> "$GITHUB_STEP_SUMMARY"
  fi
fi
exit 0
