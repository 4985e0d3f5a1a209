import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readApiKey, storeApiKey } from '../../../src/host/settings/endpoints';

class MemorySecrets implements vscode.SecretStorage {
  private readonly map = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;
  async get(key: string) { return this.map.get(key); }
  async store(key: string, value: string) { this.map.set(key, value); }
  async delete(key: string) { this.map.delete(key); }
  async keys() { return [...this.map.keys()]; }
}

describe('API keys', () => {
  const endpoint = { id: 'relay', baseUrl: 'http://127.0.0.1:1/v1', apiKeyEnv: 'GATEWAY_CHAT_HOST_TEST_KEY' };

  afterEach(() => delete process.env.GATEWAY_CHAT_HOST_TEST_KEY);

  it('reads the stored key from SecretStorage', async () => {
    const secrets = new MemorySecrets();
    await storeApiKey(secrets, 'relay', 'sk-stored');
    assert.equal(await readApiKey(secrets, endpoint), 'sk-stored');
  });

  it('lets the environment variable win over the stored key', async () => {
    const secrets = new MemorySecrets();
    await storeApiKey(secrets, 'relay', 'sk-stored');
    process.env.GATEWAY_CHAT_HOST_TEST_KEY = 'sk-env';
    assert.equal(await readApiKey(secrets, endpoint), 'sk-env');
  });

  it('keeps keys of different endpoints apart', async () => {
    const secrets = new MemorySecrets();
    await storeApiKey(secrets, 'relay', 'sk-a');
    await storeApiKey(secrets, 'other', 'sk-b');
    assert.equal(await readApiKey(secrets, { id: 'other', baseUrl: 'x' }), 'sk-b');
    assert.equal(await readApiKey(secrets, { id: 'none', baseUrl: 'x' }), undefined);
  });
});
