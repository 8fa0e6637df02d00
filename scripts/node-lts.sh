#!/usr/bin/env bash
# Print the directory of the supported Node LTS (24), fetching it once from the
# npm registry's node-linux-<arch> package (binary + headers, so native addons
# compile against it with npm_config_nodedir). Use:
#   eval "$(scripts/node-lts.sh --env)"   # PATH and npm_config_nodedir for this shell
set -euo pipefail
NODE_VERSION="${ECORNER_NODE_VERSION:-24.22.3}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) echo "unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
dir="${ECORNER_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ecorner/node-v$NODE_VERSION-$arch}"
if [ ! -x "$dir/bin/node" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null && tar xzf node-linux-*.tgz)
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
fi
if [ "${1:-}" = "--env" ]; then
  printf 'export PATH=%q:"$PATH"\nexport npm_config_nodedir=%q\n' "$dir/bin" "$dir"
else
  echo "$dir"
fi
