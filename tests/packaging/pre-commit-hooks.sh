#!/usr/bin/env bash
# The wheel and the pre-commit hooks, end to end, offline.
#
#   bash tests/packaging/pre-commit-hooks.sh
#
# Builds the promptctl wheel with maturin (dev profile, reusing target/ after `cargo test`),
# installs it into a fresh virtualenv and runs it, generates the pre-commit mirror with
# packaging/make-pre-commit-mirror.sh, and drives the real pre-commit framework against a
# scratch repository: a commit with a planted secret is refused, a clean commit passes. pip only
# sees a local folder (PIP_NO_INDEX + PIP_FIND_LINKS), so nothing comes from a package index.
# Also runs the GitHub Action's install step (action/install.sh) against the same wheel, cold
# and from its cache. Prints how long a fresh `pre-commit install-hooks` took; asserts nothing
# about time.
#
# Installs maturin and pre-commit into target/py when they are not there yet; fails, never
# skips, when one cannot be had.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

need() {
  command -v "$1" >/dev/null 2>&1 ||
    fail "\`$1\` is not on PATH; install it with \`python3 -m pip install maturin pre-commit\`"
}
# maturin and pre-commit come from a virtualenv under target/py, made from PyPI on the first run
# (the only network this test uses; set PROMPTCTL_TEST_NO_INSTALL=1 to use what is on PATH).
if [ -z "${PROMPTCTL_TEST_NO_INSTALL:-}" ]; then
  if ! [ -x "$repo/target/py/bin/maturin" ] || ! [ -x "$repo/target/py/bin/pre-commit" ]; then
    echo "== installing maturin and pre-commit into target/py"
    python3 -m venv "$repo/target/py"
    "$repo/target/py/bin/pip" install --quiet --disable-pip-version-check 'maturin>=1.9,<2' 'pre-commit>=3.2' ||
      fail "cannot install maturin and pre-commit from PyPI into target/py"
  fi
  export PATH="$repo/target/py/bin:$PATH"
fi
need maturin
need pre-commit
need git
need python3

# The interpreter pre-commit runs on: pip writes it into the script's shebang, or into an
# `exec` line when the path is too long for one.
pre_commit="$(command -v pre-commit)"
pc_python="$(sed -n -e "1s/^#!\([^ ]*\).*/\1/p" -e "2s/^'''exec' '\{0,1\}\([^ ']*\).*/\1/p" "$pre_commit" |
  grep -v '^/bin/sh$' | head -n 1)"
[ -x "$pc_python" ] || fail "cannot tell which Python runs \`$pre_commit\`"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wheels="$work/wheels"
mkdir -p "$wheels"

version="$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)"

echo "== building the wheel (maturin, dev profile)"
(cd "$repo" && maturin build --profile dev --compatibility linux --strip --out "$wheels") >"$work/maturin.log" 2>&1 || {
  cat "$work/maturin.log" >&2
  fail "maturin could not build the wheel (log above)"
}
wheel="$(ls "$wheels"/promptctl-"$version"-*.whl 2>/dev/null | head -n 1)"
[ -n "$wheel" ] || fail "no promptctl-$version wheel in $wheels: $(ls "$wheels")"

# The mirror's package is built by pip with setuptools, in an isolated build environment that
# it fills from the same local folder. virtualenv, which pre-commit depends on, carries
# setuptools wheels for the environments it seeds: take one from there.
embed="$("$pc_python" -c 'import os, virtualenv.seed.wheels.embed as e; print(os.path.dirname(e.__file__))')" ||
  fail "pre-commit's Python cannot import virtualenv"
setuptools_wheel="$(ls "$embed"/setuptools-*.whl | sort -V | tail -n 1)"
cp "$setuptools_wheel" "$wheels/"

export PIP_NO_INDEX=1
export PIP_FIND_LINKS="$wheels"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null
export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.com
export PRE_COMMIT_HOME="$work/pre-commit-cache"
export NO_COLOR=1

echo "== installing the wheel into a fresh virtualenv"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet promptctl=="$version" ||
  fail "pip could not install the promptctl wheel from $wheels"
shown="$("$work/venv/bin/promptctl" --version)"
[ "$shown" = "promptctl $version" ] || fail "the installed promptctl says \`$shown\`, expected \`promptctl $version\`"

echo "== generating the pre-commit mirror"
mirror="$work/mirror"
"$repo/packaging/make-pre-commit-mirror.sh" "$mirror" >/dev/null
grep -q "\"promptctl==$version\"" "$mirror/pyproject.toml" ||
  fail "the mirror's pyproject.toml does not pin promptctl==$version"
pre-commit validate-manifest "$repo/.pre-commit-hooks.yaml" "$mirror/.pre-commit-hooks.yaml" ||
  fail "a hooks manifest is not valid for pre-commit (above)"
git -C "$mirror" init -q
git -C "$mirror" add -A
git -C "$mirror" commit -qm "promptctl $version"
rev="$(git -C "$mirror" rev-parse HEAD)"

echo "== a scratch repository with the hooks"
scratch="$work/scratch"
mkdir -p "$scratch/prompts"
git -C "$scratch" init -q
cat > "$scratch/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $mirror
    rev: $rev
    hooks:
      - id: promptctl-scan
      - id: promptctl-lint
YAML
printf 'prompts: prompts\n' > "$scratch/promptctl.yaml"
cd "$scratch"
start="$(date +%s.%N)"
pre-commit install-hooks >"$work/install.log" 2>&1 || {
  cat "$work/install.log" >&2
  fail "pre-commit install-hooks failed (log above)"
}
end="$(date +%s.%N)"
installed="$(python3 -c "print(f'{$end - $start:.1f}')")"
pre-commit install >/dev/null

echo "== a clean commit passes"
printf -- '---\ndescription: Greet a customer\n---\nHello, and thanks for writing.\n' > prompts/greet.prompt
git add -A
git commit -qm "clean" >"$work/clean.log" 2>&1 || {
  cat "$work/clean.log" >&2
  fail "the clean commit was refused (hook output above)"
}

echo "== a commit with a planted secret is refused"
# Assembled at run time so that this script itself holds no token.
token="ghp_""R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0m0vL2Ci"
printf 'Look orders up with token %s.\n' "$token" > prompts/leak.prompt
git add -A
before="$(git rev-parse HEAD)"
if git commit -qm "leak" >"$work/leak.log" 2>&1; then
  cat "$work/leak.log" >&2
  fail "the commit with a planted GitHub token was accepted"
fi
[ "$(git rev-parse HEAD)" = "$before" ] || fail "HEAD moved although the hook failed"
grep -q 'prompts/leak.prompt:1:27: error\[secret/github-token\]' "$work/leak.log" || {
  cat "$work/leak.log" >&2
  fail "the hook output does not name the finding (above)"
}
if grep -qF "$token" "$work/leak.log"; then
  fail "the hook output shows the token unmasked"
fi

echo "== the GitHub Action's install step installs from the wheel, then from its cache"
cd "$work"
action_home="$work/action-home"
mkdir -p "$action_home"
: > "$work/github_path"
# A PATH without promptctl, with the python3 the runner would have.
runner_path="$(dirname "$(command -v python3)"):/usr/bin:/bin"
PATH="$runner_path" HOME="$action_home" ACTION_PATH="$repo" PROMPTCTL_VERSION="" \
  GITHUB_PATH="$work/github_path" bash "$repo/action/install.sh" >"$work/action-install.log" 2>&1 || {
  cat "$work/action-install.log" >&2
  fail "the Action's install step failed (log above)"
}
installed_dir="$(cat "$work/github_path")"
[ "$("$installed_dir/promptctl" --version)" = "promptctl $version" ] ||
  fail "the Action installed \`$("$installed_dir/promptctl" --version)\` into $installed_dir"
# The second run finds the cached package and needs no package at all.
: > "$work/github_path"
PATH="$runner_path" HOME="$action_home" ACTION_PATH="$repo" PROMPTCTL_VERSION="" PIP_FIND_LINKS="$work/nothing" \
  GITHUB_PATH="$work/github_path" bash "$repo/action/install.sh" >"$work/action-install-2.log" 2>&1 || {
  cat "$work/action-install-2.log" >&2
  fail "the Action's install step failed with a warm cache (log above)"
}
grep -q "installing" "$work/action-install-2.log" && fail "the warm cache was not used"
[ "$(cat "$work/github_path")" = "$installed_dir" ] || fail "the cached install was not put on PATH"

echo "ok: wheel $(basename "$wheel"), hooks refuse the secret and pass the clean commit, the Action installs from the wheel"
echo "fresh \`pre-commit install-hooks\` with the wheel: $installed s"
