#!/usr/bin/env bash
# A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) where desktop
# VS Code cannot run (no display, no Electron download): it takes test-electron's command line and
# runs the tests in the Node extension host of the private code-server (test/harness/codeShim.ts).
HERE=$(cd "$(dirname "$0")" && pwd)
exec "$HERE/../../node_modules/.bin/tsx" "$HERE/codeShim.ts" "$@"
