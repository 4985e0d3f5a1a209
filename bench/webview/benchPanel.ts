// A real VS Code (code-server) in Chromium with the packaged extension, pointed at the loopback test
// gateway, the chat panel open: what every real-webview benchmark measures in.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startGateway, type TestGateway } from '../../test/gateway';
import { ChatPanel } from '../../test/harness/chatPanel';
import type { CodeServerOptions } from '../../test/harness/codeServer';
import { extensionId } from '../../test/harness/paths';
import { Workbench } from '../../test/harness/workbench';
import { benchVsix } from './vsix';

export const benchModel = 'bench-model';
const key = 'sk-bench-key-0123456789';

export interface BenchPanel {
  gw: TestGateway;
  wb: Workbench;
  panel: ChatPanel;
  /** The document inside the chat webview (the inner iframe). */
  frame: Frame;
  close(): Promise<void>;
}

export interface BenchPanelOptions extends Partial<CodeServerOptions> {
  /** A webview bundle to put in place of the installed dist/webview.js before the panel first loads. */
  webviewBundle?: string;
  /** Runs after code-server is up and before the panel opens (e.g. to seed the history). */
  beforePanel?(wb: Workbench): Promise<void> | void;
}

export async function openBenchPanel(name: string, options: BenchPanelOptions = {}): Promise<BenchPanel> {
  const gw = await startGateway({ apiKey: key });
  gw.setModels([{ id: benchModel }]);
  const { webviewBundle, beforePanel, ...server } = options;
  let wb: Workbench | undefined;
  try {
    wb = await Workbench.open({
      name,
      vsix: benchVsix(),
      ...server,
      env: { GATEWAY_CHAT_BENCH_KEY: key, ...server.env },
      settings: {
        'gatewayChat.endpoints': [{ id: 'bench', name: 'Bench gateway', baseUrl: gw.url, apiKeyEnv: 'GATEWAY_CHAT_BENCH_KEY' }],
        'gatewayChat.defaultModel': `bench/${benchModel}`,
        ...server.settings,
      },
    });
    if (webviewBundle) fs.copyFileSync(webviewBundle, path.join(installedExtensionDir(wb), 'dist', 'webview.js'));
    await beforePanel?.(wb);
    const panel = await ChatPanel.open(wb);
    const opened = wb;
    return { gw, wb, panel, frame: chatFrame(wb.page), close: async () => { await opened.close(); await gw.close(); } };
  } catch (e) {
    await wb?.close();
    await gw.close();
    throw e;
  }
}

export function installedExtensionDir(wb: Workbench): string {
  const dir = fs.readdirSync(wb.server.extensionsDir).find((d) => d.startsWith(`${extensionId}-`));
  if (!dir) throw new Error(`${extensionId} is not installed in ${wb.server.extensionsDir}`);
  return path.join(wb.server.extensionsDir, dir);
}

/** The chat webview's inner document: VS Code nests it in an outer iframe tagged with our extension id. */
export function chatFrame(page: Page): Frame {
  // The newest attached one: after a reload of the webviews the old frame can linger a moment.
  const frame = page.frames().filter((f) => !f.isDetached() && f.url().includes('/pre/fake.html') && f.parentFrame()?.url().includes(`extensionId=${extensionId}`)).at(-1);
  if (!frame) throw new Error('the chat webview frame is not there');
  return frame;
}
