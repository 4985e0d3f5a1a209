// explain / refactor / fix / document / test the selection, ask, and run a prompt template:
// the selection becomes a message in the panel, and replacing answers come back as a diff.
import * as vscode from 'vscode';
import { extractCode, fillTemplate, replacesSelection, usesPlaceholder, type ActionKind } from '../../chat/request/prompts';
import type { Attachment, MessageRecord } from '../../shared/conversation';
import { proposeReplacement, targetEditor, type ProposalDocuments } from './applyWithDiff';
import type { ChatController } from '../panel/chatController';
import type { ChatViewProvider } from '../panel/chatViewProvider';
import { actionTemplate, commandModel, userTemplates } from './promptTemplates';
import { commandTarget, diagnosticsText, targetAttachment, type Target } from './selectionTarget';
import { writeTestFile } from './testFile';
import { assertNever } from '../../shared/assertNever';
import { completeStep } from '../walkthrough';

export class EditorCommands {
  constructor(private readonly controller: ChatController, private readonly view: ChatViewProvider, private readonly proposals: ProposalDocuments) {}

  /** `range` and `uri` come from a code action; otherwise the active editor's selection is used. */
  async runAction(kind: ActionKind, uri?: vscode.Uri, range?: vscode.Range): Promise<void> {
    const target = await this.target(uri, range);
    if (!target) return;
    const doc = target.editor.document;
    const template = actionTemplate(kind);
    const vars = { language: doc.languageId, file: vscode.workspace.asRelativePath(doc.uri, false), selection: target.text };
    let text = fillTemplate(template, vars);
    if (kind === 'fix') text += diagnosticsText(doc, target.range);
    const attachments = usesPlaceholder(template, 'selection') ? [] : [targetAttachment(target)];
    const answer = await this.send(actionTitle(kind), text, attachments, commandModel(kind), true);
    if (answer?.status !== 'complete') return;
    if (replacesSelection(kind)) {
      const code = extractCode(answer.content, doc.languageId);
      if (!code) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The answer has no code block to apply.'));
        return;
      }
      await proposeReplacement(this.proposals, doc, target.range, target.version, code, target.editor.viewColumn);
    } else if (kind === 'test') {
      const code = extractCode(answer.content, doc.languageId);
      if (code) await writeTestFile(doc, code);
    }
  }

  async ask(): Promise<void> {
    const editor = targetEditor();
    const selection = editor && !editor.selection.isEmpty ? targetAttachment({ editor, range: editor.selection, text: editor.document.getText(editor.selection), version: editor.document.version }) : undefined;
    const prompt = await vscode.window.showInputBox({
      title: vscode.l10n.t('Ask Gateway Chat'),
      prompt: selection ? vscode.l10n.t('The selection ({0}) goes with your question.', selection.label) : undefined,
      ignoreFocusOut: true,
    });
    if (!prompt?.trim()) return;
    await this.send(vscode.l10n.t('Asking'), prompt, selection ? [selection] : [], commandModel('ask'), !!selection);
  }

  /** gatewayChat.runPrompt: built-in actions and user templates in one list. */
  async runPrompt(): Promise<void> {
    type Item = vscode.QuickPickItem & { run: () => Promise<void> };
    const actions: Item[] = (['explain', 'refactor', 'fix', 'document', 'test'] as ActionKind[]).map((k) => ({ label: actionTitle(k), run: () => this.runAction(k) }));
    const templates: Item[] = (await userTemplates()).map((t) => ({
      label: t.title, description: t.description, detail: t.body.split('\n')[0].slice(0, 120),
      run: async () => {
        let input: string | undefined;
        if (usesPlaceholder(t.body, 'input')) {
          input = await vscode.window.showInputBox({ title: t.title, ignoreFocusOut: true });
          if (input === undefined) return;
        }
        const editor = targetEditor();
        const target = editor ? await commandTarget(editor) : undefined;
        const doc = target?.editor.document;
        const text = fillTemplate(t.body, {
          input, selection: target?.text, language: doc?.languageId, file: doc ? vscode.workspace.asRelativePath(doc.uri, false) : undefined,
        });
        const attachments = target && !usesPlaceholder(t.body, 'selection') ? [targetAttachment(target)] : [];
        await this.send(t.title, text, attachments, commandModel('prompt'), !!target);
      },
    }));
    const items: Item[] = [...actions, ...(templates.length ? [{ label: vscode.l10n.t('Your prompts'), kind: vscode.QuickPickItemKind.Separator } as Item, ...templates] : [])];
    const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Run a Gateway Chat prompt'), matchOnDescription: true, matchOnDetail: true });
    await chosen?.run();
  }

  private async target(uri?: vscode.Uri, range?: vscode.Range): Promise<Target | undefined> {
    if (uri instanceof vscode.Uri && range instanceof vscode.Range) {
      const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
      editor.selection = new vscode.Selection(range.start, range.end);
    }
    const editor = targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file or select some code first.'));
      return undefined;
    }
    return commandTarget(editor);
  }

  /**
   * Sends into the panel with a cancellable progress notification; resolves with the settled answer.
   * `aboutCode`: the editor's code went along (the walkthrough's "ask about the selection" step).
   */
  private async send(title: string, text: string, attachments: Attachment[], model: string | undefined, aboutCode: boolean): Promise<MessageRecord | undefined> {
    await this.view.reveal();
    const chat = this.controller;
    if (chat.busy) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Gateway Chat is still answering; stop it or wait.'));
      return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Gateway Chat: {0}', title), cancellable: true },
      (_progress, token) => {
        const sub = token.onCancellationRequested(() => chat.stop());
        return chat.send(text, attachments, { model }).finally(() => sub.dispose());
      },
    ).then((answer) => {
      if (answer?.status === 'complete' && aboutCode) completeStep('askedSelection');
      return answer;
    });
  }
}

export function actionTitle(kind: ActionKind): string {
  switch (kind) {
    case 'explain': return vscode.l10n.t('Explain');
    case 'refactor': return vscode.l10n.t('Refactor');
    case 'fix': return vscode.l10n.t('Fix');
    case 'document': return vscode.l10n.t('Document');
    case 'test': return vscode.l10n.t('Write tests');
    default: return assertNever(kind);
  }
}
