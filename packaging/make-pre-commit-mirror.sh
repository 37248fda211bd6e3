#!/usr/bin/env bash
# Writes the pre-commit mirror repository's files into OUTDIR, pinned to one promptctl version.
#
#   packaging/make-pre-commit-mirror.sh OUTDIR [VERSION]     # VERSION defaults to Cargo.toml's
#
# pre-commit's `language: python` runs `pip install .` on the hook repository, so hooks that
# install promptctl's wheel instead of compiling it must live in a repository whose package
# depends on `promptctl==VERSION` (the way ruff-pre-commit ships ruff). The template is
# packaging/pre-commit/; this script copies it and replaces @VERSION@. Commit the result in the
# mirror repository and tag it `vVERSION` after the wheel for VERSION is on the package index.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUTDIR [VERSION]" >&2
  exit 2
fi
out="$1"
if [ $# -eq 2 ]; then
  version="$2"
else
  # The first `version = "..."` in Cargo.toml is the [package] one.
  version="$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$here/../Cargo.toml" | head -n 1)"
fi
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]*)?$ ]]; then
  echo "error: \`$version\` is not a version (expected X.Y.Z)" >&2
  exit 2
fi
mkdir -p "$out"
for file in pyproject.toml .pre-commit-hooks.yaml README.md; do
  sed "s/@VERSION@/$version/g" "$here/pre-commit/$file" > "$out/$file"
done
echo "wrote the pre-commit mirror for promptctl $version to $out"
