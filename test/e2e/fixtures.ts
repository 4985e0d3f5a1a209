// Shared set-up of the e2e files: a test gateway and VS Code pointed at it.
import { startGateway, type TestGateway } from '../gateway';
import type { CodeServerOptions } from '../harness/codeServer';
import { ChatPanel } from '../harness/chatPanel';
import { vsixPath } from '../harness/paths';
import { Workbench } from '../harness/workbench';

export const e2eKey = 'sk-e2e-secret-key-123456';

export interface Connected {
  gw: TestGateway;
  wb: Workbench;
  panel: ChatPanel;
}

/** A gateway with one model, VS Code configured for it (key from the environment), the panel open. */
export async function connect(name: string, extra: Partial<CodeServerOptions> = {}): Promise<Connected> {
  const gw = await startGateway({ apiKey: e2eKey });
  gw.setModels([{ id: 'test-model' }]);
  const wb = await Workbench.open({
    name,
    vsix: vsixPath,
    ...extra,
    env: { GATEWAY_CHAT_E2E_KEY: e2eKey, ...extra.env },
    settings: {
      'gatewayChat.endpoints': [{ id: 'test', name: 'Test gateway', baseUrl: gw.url, apiKeyEnv: 'GATEWAY_CHAT_E2E_KEY' }],
      'gatewayChat.defaultModel': 'test/test-model',
      ...extra.settings,
    },
  });
  try {
    return { gw, wb, panel: await ChatPanel.open(wb) };
  } catch (e) {
    await wb.close();
    await gw.close();
    throw e;
  }
}

export async function disconnect(c: Connected | undefined): Promise<void> {
  await c?.wb.close();
  await c?.gw.close();
}

export function chatRequests(gw: TestGateway) {
  return gw.requests.filter((r) => r.path.endsWith('/chat/completions'));
}
