// "Save to workspace" under an image the model returned: the bytes of its data: URL, written where
// the user says (a free `image-N.<ext>` in the workspace folder by default). An image returned as a
// remote URL is fetched here, by the host, only when the user clicked Save for it.
import * as vscode from 'vscode';
import type { ConversationRecord } from '../../shared/conversation';

const DATA_URL = /^data:image\/([a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]*)$/i;
const extensions: Record<string, string> = { jpeg: 'jpg', 'svg+xml': 'svg', 'x-icon': 'ico' };

export async function saveImage(conversation: ConversationRecord, messageId: string, index: number): Promise<vscode.Uri | undefined> {
  const image = conversation.messages.find((m) => m.id === messageId)?.images?.[index];
  const parts = image && DATA_URL.exec(image.dataUrl);
  if (!parts) return undefined;
  return writeImage(parts[1], Buffer.from(parts[2], 'base64'));
}

const maxFetchedBytes = 32 * 1024 * 1024;

export async function saveImageLink(conversation: ConversationRecord, messageId: string, index: number, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const url = conversation.messages.find((m) => m.id === messageId)?.imageLinks?.[index];
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
    const type = /^image\/([a-z0-9.+-]+)/i.exec(res.headers.get('content-type') ?? '');
    if (!res.ok || !type) throw new Error(res.ok ? `not an image (${res.headers.get('content-type') ?? 'no content-type'})` : `HTTP ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.byteLength > maxFetchedBytes) throw new Error('larger than 32 MB');
    return await writeImage(type[1], bytes);
  } catch (e) {
    log.warn(`Saving the image ${url} failed: ${(e as Error).message}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('The image could not be fetched from {0}: {1}', url, (e as Error).message));
    return undefined;
  }
}

async function writeImage(subtypeRaw: string, bytes: Buffer): Promise<vscode.Uri | undefined> {
  const subtype = subtypeRaw.toLowerCase();
  const ext = extensions[subtype] ?? subtype.replace(/[^a-z0-9]/g, '');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? await freeName(folder, ext) : undefined,
    saveLabel: vscode.l10n.t('Save image'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Saved {0}', vscode.workspace.asRelativePath(target)), 4000);
  return target;
}

async function freeName(folder: vscode.Uri, ext: string): Promise<vscode.Uri> {
  for (let i = 1; i < 1000; i++) {
    const uri = vscode.Uri.joinPath(folder, `image-${i}.${ext}`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
  return vscode.Uri.joinPath(folder, `image.${ext}`);
}
