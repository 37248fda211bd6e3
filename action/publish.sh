#!/usr/bin/env bash
# Posts the results: SARIF to code scanning, the review report as the one promptctl comment.
# A refusal (a fork's read-only token, code scanning not enabled) is a warning, not a failed
# job: the check's verdict is what decides the job.
set -uo pipefail

if [ "${UPLOAD_SARIF:-true}" = true ] && [ -s "${SARIF_FILE:-}" ]; then
  promptctl github upload-sarif "$SARIF_FILE" ||
    echo "::warning title=promptctl::the SARIF upload to code scanning failed; see the log above"
fi
if [ "${COMMENT:-true}" = true ] && [ -s "${COMMENT_FILE:-}" ]; then
  promptctl github comment "$COMMENT_FILE" ||
    echo "::warning title=promptctl::the pull-request comment could not be written; see the log above"
fi
exit 0
