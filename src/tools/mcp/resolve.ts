// Which configured servers may run in this window: every valid user entry; a workspace's entries only
// in a trusted workspace, and there only those whose exact launch the user allowed (the rest wait).
import { launchKey, parseUserServers, parseWorkspaceMcpJson, type Substitutions } from './config';
import type { McpConfiguration } from './manager';

export interface ServerSources {
  /** `gatewayChat.mcpServers`, the user's own value. */
  user: unknown;
  /** Each workspace folder's `.vscode/mcp.json` text, if it has one. */
  workspaceFiles: { text: string; substitutions: Substitutions }[];
  /** Restricted Mode when false: the workspace's files are not even parsed. */
  trusted: boolean;
  /** Launch keys the user allowed in this workspace. */
  allowed: ReadonlySet<string>;
}

export function resolveServers(sources: ServerSources): McpConfiguration {
  const user = parseUserServers(sources.user);
  const config: McpConfiguration = { servers: [...user.servers], waiting: [], problems: [...user.problems] };
  if (!sources.trusted) return config;
  const names = new Set(config.servers.map((s) => s.name));
  for (const file of sources.workspaceFiles) {
    const parsed = parseWorkspaceMcpJson(file.text, file.substitutions);
    config.problems.push(...parsed.problems);
    for (const s of parsed.servers) {
      if (names.has(s.name)) {
        config.problems.push({ name: s.name, source: 'workspace', message: 'a server of this name is already configured; this one is left out' });
        continue;
      }
      names.add(s.name);
      (sources.allowed.has(launchKey(s)) ? config.servers : config.waiting).push(s);
    }
  }
  return config;
}
