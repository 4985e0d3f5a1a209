// Starts a private code-server (real VS Code with a Node extension host) on loopback and ends it
// by its own process group, never by name.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { codeServerJs, hostDir, node24, runsDir } from './paths';

export interface CodeServer {
  url: string;
  port: number;
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  name: string;
  /** Written to the user settings.json before start. */
  settings?: Record<string, unknown>;
  /** Files to create in the workspace (relative path -> content). */
  files?: Record<string, string>;
  vsix?: string;
  /** More .vsix files to install first. */
  extraVsix?: string[];
  /** A language pack folder (its package.json contributes `localizations`) to register as VS Code does. */
  languagePack?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Open the workspace in Restricted Mode (workspace trust on, never trusted). */
  untrusted?: boolean;
}

const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'git.openRepositoryInParentFolders': 'never',
};

export function requireInstalled(): void {
  for (const f of [node24, codeServerJs]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`npm run setup:vscode\` (test/harness/install.sh) first`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function childEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
    EXTENSIONS_GALLERY: '{}', // no gallery to query on this network
    ...extra,
  };
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  requireInstalled();
  const dir = path.join(runsDir, opts.name);
  fs.rmSync(dir, { recursive: true, force: true });
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const workspace = path.join(dir, 'workspace');
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, workspace]) fs.mkdirSync(d, { recursive: true });
  const trust = opts.untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...trust, ...opts.settings }, null, 2));
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), content);
  }
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, ''); // else code-server writes one with a random password
  const env = childEnv(dir, opts.env);
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of [...(opts.extraVsix ?? []), ...(opts.vsix ? [opts.vsix] : [])]) {
    execFileSync(node24, [codeServerJs, ...common, '--install-extension', vsix], { env, stdio: 'pipe' });
  }

  if (opts.languagePack) registerLanguagePack(userDataDir, opts.languagePack);

  const port = await freePort();
  const logFile = path.join(dir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    node24,
    [codeServerJs, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
      '--disable-update-check', ...(opts.untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
      '--ignore-last-opened', '--reconnection-grace-time', '10', ...(opts.args ?? []), workspace],
    { env, stdio: ['ignore', log, log], detached: true }, // detached: its own process group, ended as a whole
  );
  fs.closeSync(log);
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try { process.kill(-pid, 'SIGTERM'); } catch { return; }
    for (let i = 0; i < 40; i++) {
      try { process.kill(-pid, 0); } catch { return; }
      await new Promise((r) => setTimeout(r, 250));
    }
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { url, port, dir, userDataDir, extensionsDir, workspace, logFile, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`code-server did not come up; log:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}\n(host dir ${hostDir})`);
}

/**
 * VS Code picks its display language from languagepacks.json in the user-data folder, which the
 * extension service writes when a language pack is installed; written here for a test pack.
 */
function registerLanguagePack(userDataDir: string, folder: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const packs: Record<string, unknown> = {};
  for (const loc of manifest.contributes.localizations) {
    packs[loc.languageId] = {
      hash: `${manifest.publisher}.${manifest.name}-${manifest.version}`.replace(/[^\w.-]/g, ''),
      extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
      translations: Object.fromEntries(loc.translations.map((t: { id: string; path: string }) => [t.id, path.join(folder, t.path)])),
      label: loc.localizedLanguageName,
    };
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}
