// Where a generated test file goes: next to the source, named the way its language expects.
import * as vscode from 'vscode';

export function testFileName(sourceName: string, languageId: string): string {
  const dot = sourceName.lastIndexOf('.');
  const base = dot > 0 ? sourceName.slice(0, dot) : sourceName;
  const ext = dot > 0 ? sourceName.slice(dot) : '';
  switch (languageId) {
    case 'python': return `test_${base}${ext}`;
    case 'go': return `${base}_test${ext}`;
    case 'java': case 'kotlin': case 'csharp': return `${base}Test${ext}`;
    case 'ruby': return `${base}_spec${ext}`;
    default: return `${base}.test${ext}`;
  }
}

/** Asks where to write the tests (next to the source by default) and writes them after confirmation. */
export async function writeTestFile(source: vscode.TextDocument, code: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(source.uri);
  const dir = vscode.Uri.joinPath(source.uri, '..');
  const proposed = vscode.Uri.joinPath(dir, testFileName(source.uri.path.split('/').pop() ?? 'code', source.languageId));
  const relative = folder ? vscode.workspace.asRelativePath(proposed, false) : proposed.fsPath;
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Write the tests to'),
    value: relative,
    ignoreFocusOut: true,
    prompt: vscode.l10n.t('A path in the workspace; the file is created (or replaced, after asking).'),
    validateInput: (v) => (!v.trim() || v.includes('..') ? vscode.l10n.t('Enter a path inside the workspace.') : undefined),
  });
  if (!answer) return undefined;
  const target = folder && !answer.startsWith('/') ? vscode.Uri.joinPath(folder.uri, answer.trim()) : vscode.Uri.file(answer.trim());
  if (folder && !vscode.workspace.getWorkspaceFolder(target)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is outside the workspace; nothing was written.', answer));
    return undefined;
  }
  const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (exists) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it?', answer), { modal: true }, replace);
    if (choice !== replace) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(code.endsWith('\n') ? code : code + '\n', 'utf8'));
  await vscode.window.showTextDocument(target);
  return target;
}
