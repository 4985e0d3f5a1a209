import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { userSetting } from '../../../src/host/settings/userSettings';

const id = 'gateway-chat.gateway-chat';

describe('activation and contributions', () => {
  it('is installed but not activated at startup', () => {
    const ext = vscode.extensions.getExtension(id);
    assert.ok(ext, `${id} is installed`);
    assert.equal(ext.isActive, false, 'nothing activates the extension before its view or a command');
  });

  it('activates on a command and registers every command the manifest declares', async () => {
    await vscode.commands.executeCommand('gatewayChat.newChat');
    const ext = vscode.extensions.getExtension(id)!;
    assert.equal(ext.isActive, true);
    const declared: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(declared.filter((c) => !registered.has(c)), []);
    for (const name of ['explainSelection', 'refactorSelection', 'fixSelection', 'documentSelection', 'testSelection',
      'ask', 'newChat', 'selectModel', 'setApiKey', 'manageEndpoints', 'exportChat']) {
      assert.ok(declared.includes(`gatewayChat.${name}`), `gatewayChat.${name} is declared`);
    }
  });

  it('activates without loading the tokenizer or the MCP SDK (they load on first use)', () => {
    // One extension host, one module cache: what the extension required is in it.
    const vendors = Object.keys(require.cache).filter((k) => /[\\/]dist[\\/]vendor[\\/]/.test(k)).map((k) => path.basename(k));
    assert.ok(vendors.every((v) => v !== 'tokenizer.js' && v !== 'mcp-sdk.js'), `loaded at activation: ${vendors.join(', ')}`);
    assert.ok(Object.keys(require.cache).some((k) => /[\\/]dist[\\/]extension\.js$/.test(k)), 'the extension itself is in the cache (the check can see it)');
  });

  it('declares its settings with the documented defaults', () => {
    const config = vscode.workspace.getConfiguration('gatewayChat');
    assert.deepEqual(config.get('endpoints'), []);
    assert.equal(config.get('defaultModel'), '');
    assert.deepEqual(config.get('models'), {});
  });

  it('ignores endpoints a workspace tries to set (they decide where keys are sent)', () => {
    // The runner writes .vscode/settings.json with an endpoint pointing elsewhere.
    const inspected = vscode.workspace.getConfiguration('gatewayChat').inspect('endpoints');
    assert.deepEqual(vscode.workspace.getConfiguration('gatewayChat').get('endpoints'), []);
    assert.equal(inspected?.workspaceValue, undefined);
  });

  it('ignores what a workspace sets for the key, the money and the approvals; takes its prompts', () => {
    const config = vscode.workspace.getConfiguration('gatewayChat');
    for (const key of ['defaultModel', 'models', 'commandModels', 'titleWithModel', 'tools.enabled', 'tools.autoApproveReadOnly', 'tools.maxSteps',
      'mcpServers', 'tools.fromExtensions', 'mcp.callTimeoutSeconds']) {
      assert.equal(config.inspect(key)?.workspaceValue, undefined, `${key} is not taken from the workspace`);
      assert.deepEqual(userSetting(key), config.inspect(key)?.defaultValue, `${key} is the user's value (here the default)`);
    }
    assert.equal(config.get('tools.maxSteps'), 10);
    assert.deepEqual(config.get('models'), {});
    assert.match(String((config.get<Record<string, string>>('prompts') ?? {}).explain), /pirate/, 'a workspace may set its prompts');
  });

  it('ships the Chinese translations next to the manifest', () => {
    const root = vscode.extensions.getExtension(id)!.extensionPath;
    const zh = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
    assert.equal(zh['Open settings'], '打开设置');
    assert.ok(fs.existsSync(path.join(root, 'package.nls.zh-cn.json')));
  });
});
