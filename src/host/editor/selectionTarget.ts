// What an editor command works on: the selection, or with none the block around the cursor.
import * as vscode from 'vscode';
import type { Attachment } from '../../shared/conversation';

export interface Target {
  editor: vscode.TextEditor;
  range: vscode.Range;
  text: string;
  version: number;
}

const blockKinds = new Set([
  vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor, vscode.SymbolKind.Class,
  vscode.SymbolKind.Interface, vscode.SymbolKind.Enum, vscode.SymbolKind.Struct, vscode.SymbolKind.Module, vscode.SymbolKind.Namespace,
]);

export async function commandTarget(editor: vscode.TextEditor): Promise<Target | undefined> {
  const doc = editor.document;
  const version = doc.version;
  if (!editor.selection.isEmpty) return { editor, range: editor.selection, text: doc.getText(editor.selection), version };
  const block = await enclosingBlock(doc, editor.selection.active);
  if (block) return { editor, range: block, text: doc.getText(block), version };
  const line = doc.lineAt(editor.selection.active.line);
  if (!line.isEmptyOrWhitespace) return { editor, range: line.range, text: line.text, version };
  void vscode.window.showInformationMessage(vscode.l10n.t('Select some code first.'));
  return undefined;
}

/** The innermost function, class or similar around `pos`, from the language's document symbols. */
async function enclosingBlock(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Range | undefined> {
  let symbols: vscode.DocumentSymbol[] | undefined;
  try {
    symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
  } catch {
    return undefined;
  }
  let best: vscode.Range | undefined;
  const visit = (list: vscode.DocumentSymbol[] | undefined) => {
    for (const s of list ?? []) {
      if (!s.range?.contains(pos)) continue;
      if (blockKinds.has(s.kind)) best = s.range;
      visit(s.children);
    }
  };
  visit(symbols);
  return best;
}

export function targetAttachment(t: Target): Attachment {
  const doc = t.editor.document;
  const path = vscode.workspace.asRelativePath(doc.uri, false);
  const startLine = t.range.start.line + 1;
  const endLine = t.range.end.character === 0 && t.range.end.line > t.range.start.line ? t.range.end.line : t.range.end.line + 1;
  return { kind: 'selection', label: `${path.split('/').pop()}:${startLine}-${endLine}`, path, startLine, endLine, language: doc.languageId, text: t.text };
}

/** The problems VS Code reports inside the range, for the fix command. */
export function diagnosticsText(doc: vscode.TextDocument, range: vscode.Range): string {
  const severity = ['error', 'warning', 'info', 'hint'];
  const lines = vscode.languages.getDiagnostics(doc.uri)
    .filter((d) => d.range.intersection(range))
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      const source = [d.source, code].filter((x) => x !== undefined && x !== '').join(' ');
      return `- line ${d.range.start.line + 1}: ${severity[d.severity]}${source ? ` (${source})` : ''}: ${d.message}`;
    });
  return lines.length ? `\n\nProblems reported in this code:\n${lines.join('\n')}` : '';
}
