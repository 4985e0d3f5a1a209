// "JSON: schema..." in the option bar: a pick of the schemas the user has, from the
// `gatewayChat.jsonSchemas` setting and from the workspace's schema-looking .json files. A schema is
// taken only once ajv compiles it, so a broken one is caught here and not at answer time.
import * as vscode from 'vscode';
import { compileJsonSchema } from '../../chat/answers/jsonCheck';
import type { RequestOptions } from '../../shared/conversation';

export type SchemaOption = Extract<NonNullable<RequestOptions['json']>, { mode: 'schema' }>;

const MAX_FILES = 200;
const MAX_BYTES = 512_000;
const EXCLUDE = '{**/node_modules/**,**/.git/**}';
const SETTING = 'gatewayChat.jsonSchemas';

interface Candidate extends vscode.QuickPickItem {
  option?: () => Promise<SchemaOption | undefined>;
}

export async function pickSchema(): Promise<SchemaOption | undefined> {
  const fromSettings = settingsSchemas();
  const fromWorkspace = await workspaceSchemas();
  if (!fromSettings.length && !fromWorkspace.length) {
    const open = vscode.l10n.t('Open settings');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('No JSON schemas found. Add one to {0} or put a *.schema.json file in the workspace.', SETTING), open);
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', SETTING);
    return undefined;
  }
  const items: Candidate[] = [];
  if (fromSettings.length) items.push({ label: vscode.l10n.t('Settings'), kind: vscode.QuickPickItemKind.Separator }, ...fromSettings);
  if (fromWorkspace.length) items.push({ label: vscode.l10n.t('Workspace'), kind: vscode.QuickPickItemKind.Separator }, ...fromWorkspace);
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('JSON schema for the answers'),
    placeHolder: vscode.l10n.t('The model is asked to answer with JSON that fits this schema'),
    matchOnDescription: true,
  });
  return picked?.option?.();
}

function settingsSchemas(): Candidate[] {
  // A plain copy: configuration values are read-only proxies, which cannot be cloned into the saved conversation.
  const all = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('gatewayChat').get<Record<string, unknown>>('jsonSchemas') ?? {})) as Record<string, unknown>;
  return Object.entries(all).filter(([, schema]) => isObject(schema)).map(([name, schema]) => ({
    label: name,
    description: SETTING,
    detail: describeSchema(schema as Record<string, unknown>),
    option: async () => usable({ mode: 'schema', name, schema: schema as Record<string, unknown>, source: SETTING }),
  }));
}

async function workspaceSchemas(): Promise<Candidate[]> {
  const named = await vscode.workspace.findFiles('**/*.schema.json', EXCLUDE, MAX_FILES);
  const rest = await vscode.workspace.findFiles('**/*.json', EXCLUDE, MAX_FILES);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const uri of [...named, ...rest]) {
    if (seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    const schema = await readJsonObject(uri);
    if (!schema || !(uri.path.endsWith('.schema.json') || looksLikeSchema(schema))) continue;
    const path = vscode.workspace.asRelativePath(uri, true);
    const name = uri.path.split('/').pop()!.replace(/(\.schema)?\.json$/i, '');
    out.push({ label: name, description: path, detail: describeSchema(schema), option: async () => usable({ mode: 'schema', name, schema, source: path }) });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label));
}

/** A top-level `$schema`, or an object type with properties: what a schema file looks like. */
function looksLikeSchema(v: Record<string, unknown>): boolean {
  return typeof v.$schema === 'string' || (v.type === 'object' && isObject(v.properties));
}

async function readJsonObject(uri: vscode.Uri): Promise<Record<string, unknown> | undefined> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_BYTES) return undefined;
    const value: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function usable(option: SchemaOption): SchemaOption | undefined {
  try {
    compileJsonSchema(option.schema);
    return option;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a usable JSON schema, nothing changed: {1}', option.name, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
}

function describeSchema(schema: Record<string, unknown>): string | undefined {
  const text = typeof schema.title === 'string' ? schema.title : typeof schema.description === 'string' ? schema.description : undefined;
  const keys = isObject(schema.properties) ? Object.keys(schema.properties).slice(0, 8).join(', ') : '';
  return [text, keys && `{ ${keys} }`].filter(Boolean).join(' · ') || undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
