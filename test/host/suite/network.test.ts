// VS Code's proxy settings and an endpoint's network fields reach the gateway client, through the
// same Gateways the chat uses; a workspace's http.proxy (the runner writes one) does not.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Gateways } from '../../../src/host/settings/gateways';
import { networkConfig } from '../../../src/host/settings/networkSettings';
import { startGateway } from '../../gateway/index';
import type { TestGateway } from '../../gateway/types';
import { startConnectProxy, type ConnectProxy } from '../../unit/llm/connectProxy';

const KEY = 'sk-host-network-test';

function fakeContext(): vscode.ExtensionContext {
  const state = new Map<string, unknown>();
  return {
    secrets: { get: async (k: string) => (k === 'gatewayChat.apiKey.netrelay' ? KEY : undefined) },
    globalState: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v) },
  } as unknown as vscode.ExtensionContext;
}

describe('network settings reach the client', () => {
  let gw: TestGateway;
  let proxy: ConnectProxy;
  const http = () => vscode.workspace.getConfiguration('http');
  const chat = () => vscode.workspace.getConfiguration('gatewayChat');
  const log = vscode.window.createOutputChannel('Gateway Chat network test', { log: true });

  before(async () => {
    gw = await startGateway();
    proxy = await startConnectProxy();
  });
  after(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    await chat().update('endpoints', undefined, vscode.ConfigurationTarget.Global);
    await gw.close();
    await proxy.close();
    log.dispose();
  });

  it('http.proxy from user settings tunnels the request; the workspace value is ignored; http.noProxy bypasses it', async () => {
    // The runner's .vscode/settings.json sets http.proxy and http.proxyStrictSSL: neither counts.
    assert.deepEqual(networkConfig({}), {}, 'no proxy and strict TLS while only the workspace says otherwise');
    await chat().update('endpoints', [{ id: 'netrelay', baseUrl: gw.url, sessionHeader: 'X-Session-Id', caFile: '~/relay-ca.pem' }], vscode.ConfigurationTarget.Global);
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    const endpoint = { id: 'netrelay', baseUrl: gw.url, sessionHeader: 'X-Session-Id', caFile: '~/relay-ca.pem', rejectUnauthorized: 'no' };
    const seen = networkConfig(endpoint as never);
    assert.equal(seen.proxy, proxy.url);
    assert.equal(seen.sessionHeader, 'X-Session-Id');
    assert.match(seen.caFile ?? '', /relay-ca\.pem$/);
    assert.ok(!seen.caFile!.startsWith('~'), 'the home folder is expanded');
    assert.equal(seen.rejectUnauthorized, undefined, 'only a real false turns checks off');

    const gateways = new Gateways(fakeContext(), log);
    try {
      await chat().update('endpoints', [{ id: 'netrelay', baseUrl: gw.url, sessionHeader: 'X-Session-Id' }], vscode.ConfigurationTarget.Global);
      const resolved = await gateways.resolveModel('netrelay/echo');
      assert.ok('client' in resolved, JSON.stringify(resolved));
      for await (const _ of resolved.client.stream({ model: resolved.modelId, messages: [{ role: 'user', content: 'hi' }] }, { sessionId: 'conv-42' })) { /* drain */ }
      assert.equal(proxy.heads.length, 1, 'the request went through the user proxy');
      assert.match(proxy.heads[0], new RegExp(`^CONNECT ${new URL(gw.url).host} `));
      assert.equal(gw.requests.at(-1)?.headers['x-session-id'], 'conv-42');
      assert.match(String(gw.requests.at(-1)?.headers['user-agent']), /^gateway-chat\/\d+\.\d+\.\d+/);

      await http().update('noProxy', ['127.0.0.1'], vscode.ConfigurationTarget.Global);
      const direct = await gateways.resolveModel('netrelay/echo');
      assert.ok('client' in direct);
      for await (const _ of direct.client.stream({ model: direct.modelId, messages: [{ role: 'user', content: 'hi' }] })) { /* drain */ }
      assert.equal(proxy.heads.length, 1, 'http.noProxy went direct');
      assert.equal(gw.requests.length, 2);
    } finally {
      gateways.dispose();
    }
  });
});
