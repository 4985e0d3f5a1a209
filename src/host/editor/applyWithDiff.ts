// Apply a code block to the active editor: a diff preview first (vscode.diff against a virtual
// document), then one WorkspaceEdit, so one Ctrl+Z undoes it. Refuses if the document changed meanwhile.
import * as vscode from 'vscode';

export const proposalScheme = 'gateway-chat-proposal';

export class ProposalDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.query) ?? '';
  }

  add(text: string, fileName: string): vscode.Uri {
    const id = String(++this.next);
    this.docs.set(id, text);
    return vscode.Uri.from({ scheme: proposalScheme, path: '/' + fileName, query: id });
  }

  remove(uri: vscode.Uri): void {
    this.docs.delete(uri.query);
  }
}

/** The editor the user was last in: a webview having focus does not count as leaving it. */
export function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== proposalScheme);
}

export type ProposalOutcome = 'applied' | 'discarded' | 'changed' | 'noEditor';

/** A code block from the panel onto the active editor: its selection, or the whole file. */
export async function applyWithDiff(proposals: ProposalDocuments, code: string): Promise<ProposalOutcome> {
  const editor = targetEditor();
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open the file to change in an editor first.'));
    return 'noEditor';
  }
  const doc = editor.document;
  const range = editor.selection.isEmpty ? fullRange(doc) : new vscode.Range(editor.selection.start, editor.selection.end);
  return proposeReplacement(proposals, doc, range, doc.version, code, editor.viewColumn);
}

/**
 * Shows `range` of `doc` replaced by `code` as a diff and asks Apply / Discard. Applies only if the
 * document is still at `version` (what the proposal was made against), as one undoable WorkspaceEdit.
 */
export async function proposeReplacement(
  proposals: ProposalDocuments, doc: vscode.TextDocument, range: vscode.Range, version: number, code: string, viewColumn?: vscode.ViewColumn,
): Promise<ProposalOutcome> {
  const name = doc.uri.path.split('/').pop() || 'untitled';
  if (doc.version !== version) return refuseChanged(name);
  code = keepLineEnding(doc.getText(range), code, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  const proposed = doc.getText(new vscode.Range(doc.positionAt(0), range.start)) + code + doc.getText(new vscode.Range(range.end, fullRange(doc).end));
  const right = proposals.add(proposed, name);
  try {
    await vscode.commands.executeCommand('vscode.diff', doc.uri, right, vscode.l10n.t('{0}: proposed change (Gateway Chat)', name), { preview: true });
    const apply = vscode.l10n.t('Apply');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Apply the proposed change to {0}?', name), apply, vscode.l10n.t('Discard'));
    if (choice !== apply) return 'discarded';
    if (doc.version !== version) return refuseChanged(name);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, code);
    return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'changed';
  } finally {
    await closeDiff(right);
    proposals.remove(right);
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn });
  }
}

/** Whole selected lines end in a line break; a code block usually does not: keep the break. */
export function keepLineEnding(original: string, code: string, eol: string): string {
  return /\r?\n$/.test(original) && !/\r?\n$/.test(code) ? code + eol : code;
}

function refuseChanged(name: string): 'changed' {
  void vscode.window.showErrorMessage(vscode.l10n.t('{0} changed since this change was proposed; nothing was applied. Run it again on the current text.', name));
  return 'changed';
}

async function closeDiff(right: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) =>
    tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

function fullRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}
