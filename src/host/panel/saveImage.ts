// "Save to workspace" under an image the model returned: the bytes of its data: URL, written where
// the user says (a free `image-N.<ext>` in the workspace folder by default).
import * as vscode from 'vscode';
import type { ConversationRecord } from '../../shared/conversation';

const DATA_URL = /^data:image\/([a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]*)$/i;
const extensions: Record<string, string> = { jpeg: 'jpg', 'svg+xml': 'svg', 'x-icon': 'ico' };

export async function saveImage(conversation: ConversationRecord, messageId: string, index: number): Promise<vscode.Uri | undefined> {
  const image = conversation.messages.find((m) => m.id === messageId)?.images?.[index];
  const parts = image && DATA_URL.exec(image.dataUrl);
  if (!parts) return undefined;
  const subtype = parts[1].toLowerCase();
  const ext = extensions[subtype] ?? subtype.replace(/[^a-z0-9]/g, '');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? await freeName(folder, ext) : undefined,
    saveLabel: vscode.l10n.t('Save image'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(parts[2], 'base64'));
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
