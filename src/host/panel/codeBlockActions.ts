import * as vscode from 'vscode';
import { targetEditor } from '../editor/applyWithDiff';

const extensions: Record<string, string> = {
  typescript: 'ts', ts: 'ts', javascript: 'js', js: 'js', python: 'py', py: 'py', json: 'json', go: 'go', rust: 'rs', java: 'java',
  c: 'c', cpp: 'cpp', csharp: 'cs', cs: 'cs', css: 'css', html: 'html', yaml: 'yaml', yml: 'yaml', sql: 'sql', markdown: 'md',
  bash: 'sh', sh: 'sh', shell: 'sh', php: 'php', ruby: 'rb', kotlin: 'kt', swift: 'swift', tsx: 'tsx', jsx: 'jsx',
};

export async function copyText(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied'), 2000);
}

export async function insertAtCursor(code: string): Promise<boolean> {
  const editor = targetEditor();
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open the file to change in an editor first.'));
    return false;
  }
  const ok = await editor.edit((b) => {
    for (const s of editor.selections) b.replace(s, code);
  });
  if (ok) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  return ok;
}

/** Saves a code block as a new file where the user says (inside the workspace by default). */
export async function saveAsFile(code: string, language: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const ext = extensions[language.toLowerCase()] ?? 'txt';
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `untitled.${ext}`) : undefined,
    saveLabel: vscode.l10n.t('Save'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(code, 'utf8'));
  await vscode.window.showTextDocument(target);
  return target;
}

/** Links from model output open only after the user has seen where they go. */
export async function openLink(href: string): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href, true);
  } catch {
    return;
  }
  if (!['http', 'https', 'mailto'].includes(uri.scheme)) return;
  const open = vscode.l10n.t('Open');
  const copy = vscode.l10n.t('Copy link');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Open this link from the model\'s answer?'), { modal: true, detail: href }, open, copy);
  if (choice === open) await vscode.env.openExternal(uri);
  else if (choice === copy) await vscode.env.clipboard.writeText(href);
}
