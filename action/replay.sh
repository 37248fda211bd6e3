#!/usr/bin/env bash
# Runs every experiment that has a cassette (cassettes/<name>.jsonl) from it — no API keys, no
# network — and appends each analysis to the comment and the full report.
set -euo pipefail
comment="$1" report="$2"
shopt -s nullglob
section="$(mktemp)"
echo "## Experiments replayed from cassettes" > "$section"
found=0
for spec in experiments/*.yaml experiments/*.yml; do
  name="$(basename "${spec%.*}")"
  cassette="cassettes/$name.jsonl"
  [ -f "$cassette" ] || continue
  found=1
  run_id="ci-${GITHUB_RUN_ID:-local}-${GITHUB_RUN_ATTEMPT:-1}"
  promptctl ab run "$name" --replay "$cassette" --run-id "$run_id" --quiet
  printf '\n### %s\n\n' "$name" >> "$section"
  # Exit 1 is a verdict (a variant is worse), not a failure to analyze.
  promptctl ab analyze "$name" --run "$run_id" --format markdown >> "$section" || [ $? -eq 1 ]
done
if [ "$found" = 1 ]; then
  cat "$section" >> "$report"
  # The comment keeps its size limit: the analyses go in only when they fit.
  if [ $(( $(wc -m < "$comment") + $(wc -m < "$section") )) -lt 65000 ]; then
    cat "$section" >> "$comment"
  else
    printf '\nExperiment analyses: see the full report.\n' >> "$comment"
  fi
fi
rm -f "$section"
