import * as vscode from 'vscode';

/** The lightbulb: "Fix with Gateway Chat" on problems, "Explain with Gateway Chat" on a selection. */
export class GatewayCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.Empty];

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    if (context.diagnostics.length) {
      const fixRange = context.diagnostics.reduce((r, d) => r.union(d.range), range);
      const lines = new vscode.Range(fixRange.start.line, 0, fixRange.end.line, doc.lineAt(fixRange.end.line).text.length);
      const fix = new vscode.CodeAction(vscode.l10n.t('Fix with Gateway Chat'), vscode.CodeActionKind.QuickFix);
      fix.diagnostics = [...context.diagnostics];
      fix.command = { command: 'gatewayChat.fixSelection', title: fix.title, arguments: [doc.uri, lines] };
      actions.push(fix);
    }
    if (!range.isEmpty) {
      const explain = new vscode.CodeAction(vscode.l10n.t('Explain with Gateway Chat'), vscode.CodeActionKind.Empty);
      explain.command = { command: 'gatewayChat.explainSelection', title: explain.title, arguments: [doc.uri, range] };
      actions.push(explain);
    }
    return actions;
  }
}
