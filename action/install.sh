#!/usr/bin/env bash
# Installs promptctl for the Action from its prebuilt Python wheel (never a from-source build),
# into a folder that actions/cache keeps between runs. A promptctl of the wanted version already
# on PATH (a self-hosted runner, a container image) is used as it is.
set -euo pipefail

wanted="${PROMPTCTL_VERSION:-}"
if [ -z "$wanted" ]; then
  # The action's own version: the package version in its Cargo.toml.
  wanted="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ACTION_PATH/Cargo.toml" | head -n 1)"
fi

if command -v promptctl >/dev/null 2>&1; then
  found="$(promptctl --version | awk '{print $2}')"
  if [ "$found" = "$wanted" ]; then
    echo "promptctl $found is already installed at $(command -v promptctl)"
    exit 0
  fi
fi

home="${HOME:?}/.cache/promptctl-action/$wanted"
if [ ! -x "$home/bin/promptctl" ]; then
  echo "installing promptctl $wanted from its wheel"
  python3 -m pip install --quiet --disable-pip-version-check --target "$home" "promptctl==$wanted"
fi
echo "$home/bin" >> "$GITHUB_PATH"
"$home/bin/promptctl" --version
