// Context the user attaches: the selection, a workspace file, an image. Files must live inside a
// workspace folder, checked by the tools' own path guard; sizes are capped so one attachment cannot
// swamp a request.
import * as vscode from 'vscode';
import type { Attachment } from '../../shared/conversation';
import type { FileSuggestion } from '../../shared/protocol';
import { resolveExistingFile } from '../../tools';
import { targetEditor } from '../editor/applyWithDiff';
import { VsCodeWorkspacePort } from '../tools/workspacePort';

const guardPort = new VsCodeWorkspacePort();

const maxTextBytes = 256 * 1024;
const maxImageBytes = 20 * 1024 * 1024;
const imageTypes: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export function selectionAttachment(): Attachment | undefined {
  const editor = targetEditor();
  if (!editor) return undefined;
  const doc = editor.document;
  const path = vscode.workspace.asRelativePath(doc.uri, false);
  if (editor.selection.isEmpty) return textAttachment('file', path, doc.getText(), doc.languageId);
  const start = editor.selection.start.line + 1;
  const end = editor.selection.end.character === 0 && editor.selection.end.line > editor.selection.start.line
    ? editor.selection.end.line : editor.selection.end.line + 1;
  return {
    kind: 'selection', label: `${path.split('/').pop()}:${start}-${end}`, path, startLine: start, endLine: end,
    language: doc.languageId, text: doc.getText(editor.selection),
  };
}

function textAttachment(kind: 'file', path: string, text: string, language?: string): Attachment {
  const clipped = text.length > maxTextBytes ? text.slice(0, maxTextBytes) + '\n[... truncated]' : text;
  return { kind, label: path.split('/').pop() || path, path, language, text: clipped };
}

export async function fileAttachment(picked: vscode.Uri): Promise<Attachment | undefined> {
  const uri = picked.scheme === 'file' ? await resolveWorkspaceFile(picked.fsPath) : undefined;
  if (!uri) return undefined;
  const doc = await vscode.workspace.openTextDocument(uri);
  return textAttachment('file', vscode.workspace.asRelativePath(uri, false), doc.getText(), doc.languageId);
}

/** A path from the webview or a dialog: an existing file inside a workspace folder, symlinks and hard links refused as for the tools. */
export async function resolveWorkspaceFile(input: string): Promise<vscode.Uri | undefined> {
  const g = await resolveExistingFile(guardPort, input);
  return g ? vscode.Uri.file(g.absolute) : undefined;
}

export async function attachWorkspacePath(relative: string): Promise<Attachment | undefined> {
  const uri = await resolveWorkspaceFile(relative);
  return uri ? fileAttachment(uri) : undefined;
}

export async function pickFiles(): Promise<Attachment[]> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: true, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: vscode.l10n.t('Attach') });
  const out: Attachment[] = [];
  for (const uri of uris ?? []) {
    const a = await fileAttachment(uri);
    if (a) out.push(a);
    else void vscode.window.showWarningMessage(vscode.l10n.t('{0} is outside the workspace and was not attached.', uri.fsPath));
  }
  return out;
}

export async function pickImages(): Promise<Attachment[]> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true, openLabel: vscode.l10n.t('Attach'), filters: { [vscode.l10n.t('Images')]: Object.keys(imageTypes) },
  });
  const out: Attachment[] = [];
  for (const uri of uris ?? []) {
    const ext = uri.path.split('.').pop()?.toLowerCase() ?? '';
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (!imageTypes[ext] || bytes.byteLength > maxImageBytes) continue;
    out.push({ kind: 'image', label: uri.path.split('/').pop() ?? 'image', dataUrl: `data:${imageTypes[ext]};base64,${Buffer.from(bytes).toString('base64')}`, detail: 'auto' });
  }
  return out;
}

// Documents a model may read whole (`file` parts) and audio it may hear (`input_audio`).
const documentTypes: Record<string, string> = {
  pdf: 'application/pdf', txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', html: 'text/html', json: 'application/json',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const audioTypes: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg' };
const maxDocumentBytes = 32 * 1024 * 1024;

/** PDFs and other documents, sent whole as `file` parts (data URL + file name) to models whose settings say they read files. */
export function pickDocuments(): Promise<Attachment[]> {
  return pickBinary('document', documentTypes, vscode.l10n.t('Documents'), maxDocumentBytes);
}

/** wav / mp3 clips, sent as `input_audio` parts to models whose settings say they hear audio. */
export function pickAudio(): Promise<Attachment[]> {
  return pickBinary('audio', audioTypes, vscode.l10n.t('Audio'), maxImageBytes);
}

async function pickBinary(kind: 'document' | 'audio', types: Record<string, string>, filterName: string, maxBytes: number): Promise<Attachment[]> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: vscode.l10n.t('Attach'), filters: { [filterName]: Object.keys(types) } });
  const out: Attachment[] = [];
  for (const uri of uris ?? []) {
    const name = uri.path.split('/').pop() ?? kind;
    const type = types[name.split('.').pop()?.toLowerCase() ?? ''];
    const bytes = type ? await vscode.workspace.fs.readFile(uri) : undefined;
    if (!type || !bytes || bytes.byteLength > maxBytes) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} was not attached: not a supported type, or larger than {1} MB.', name, Math.round(maxBytes / 1024 / 1024)));
      continue;
    }
    out.push({ kind, label: name, dataUrl: `data:${type};base64,${Buffer.from(bytes).toString('base64')}` });
  }
  return out;
}

/** An image by its https URL: the gateway fetches it; neither the host nor the panel does. */
export async function askImageUrl(): Promise<Attachment | undefined> {
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t('Image URL'),
    prompt: vscode.l10n.t('An https:// address of an image; the gateway fetches it, the panel does not.'),
    placeHolder: 'https://example.com/picture.png',
    ignoreFocusOut: true,
    validateInput: (v) => (imageUrlAttachment(v) ? undefined : vscode.l10n.t('Give an https:// URL.')),
  });
  return url ? imageUrlAttachment(url) : undefined;
}

export function imageUrlAttachment(text: string): Attachment | undefined {
  const url = text.trim();
  if (url.length > 2048 || !/^https:\/\/[^\s/?#]+[^\s]*$/i.test(url)) return undefined;
  let label = url;
  try {
    const u = new URL(url);
    label = u.pathname.split('/').filter(Boolean).pop() || u.hostname;
  } catch {
    return undefined;
  }
  return { kind: 'image', label, url, detail: 'auto' };
}

/** Workspace files whose path contains the query, for `@` completion. */
export async function searchFiles(query: string): Promise<FileSuggestion[]> {
  const safe = query.replace(/[*?[\]{}!\\]/g, '');
  const uris = await vscode.workspace.findFiles(safe ? `**/*${safe}*` : '**/*', undefined, 20);
  return uris
    .map((u) => ({ label: u.path.split('/').pop() ?? '', path: vscode.workspace.asRelativePath(u) }))
    .sort((a, b) => a.path.length - b.path.length);
}
