// A restore plan carried out as one WorkspaceEdit (so Undo can take it back): files the answers
// created are deleted, deleted ones are created again, edited ones get their old text.
import path from 'node:path';
import * as vscode from 'vscode';
import type { RestoreStep } from '../../chat/checkpoints/restorePlan';

export interface RestoreOutcome {
  /** Display paths put back. */
  done: string[];
  /** Display paths that could not be (their content is gone, or VS Code refused the edit). */
  failed: string[];
}

export const uriOf = (s: Pick<RestoreStep, 'folder' | 'path'>): vscode.Uri => vscode.Uri.file(path.join(s.folder.root, ...s.path.split('/')));

export async function applyRestore(steps: readonly RestoreStep[], blob: (hash: string) => Promise<Uint8Array | undefined>): Promise<RestoreOutcome> {
  const edit = new vscode.WorkspaceEdit();
  const edited: vscode.TextDocument[] = [];
  const done: string[] = [];
  const failed: string[] = [];
  for (const s of steps) {
    const uri = uriOf(s);
    if (s.op === 'delete') {
      edit.deleteFile(uri, { recursive: true, ignoreIfNotExists: true });
      done.push(s.display);
      continue;
    }
    if (s.op !== 'write' || s.target.kind !== 'file') continue;
    const bytes = await blob(s.target.hash);
    if (!bytes) {
      failed.push(s.display);
      continue;
    }
    const text = s.current.kind === 'file' ? asText(bytes) : undefined;
    // An existing text file is edited in place: its editor keeps its undo history and view.
    const doc = text === undefined ? undefined : await Promise.resolve(vscode.workspace.openTextDocument(uri)).catch(() => undefined);
    if (doc && text !== undefined) {
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      edited.push(doc);
    } else edit.createFile(uri, { overwrite: true, contents: bytes });
    done.push(s.display);
  }
  if (!done.length) return { done, failed };
  if (!(await vscode.workspace.applyEdit(edit))) return { done: [], failed: [...done, ...failed] };
  for (const doc of edited) await doc.save();
  return { done, failed };
}

/** UTF-8 text without a byte order mark, else undefined (written back as bytes). */
function asText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
