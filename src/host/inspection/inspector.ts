// The request inspector: what went over the wire for an answer, as a read-only markdown document
// beside the panel, and "Copy as curl". Only what this window recorded exists (never saved to disk).
import * as vscode from 'vscode';
import { curlCommand, curlKeyVariable } from '../../chat/inspection/curl';
import type { Exchange } from '../../chat/inspection/exchangeLog';
import { inspectorMarkdown, type InspectorLabels } from '../../chat/inspection/inspectorDocument';

export const inspectScheme = 'gateway-chat-inspect';
const keptDocuments = 20;

export interface InspectedAnswers {
  exchanges(messageId: string): readonly Exchange[] | undefined;
  model(messageId: string): string | undefined;
}

export class Inspector implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private next = 0;

  constructor(private readonly answers: InspectedAnswers) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.query) ?? vscode.l10n.t('This page is gone: open the inspector again from the answer.');
  }

  async open(messageId: string): Promise<void> {
    const exchanges = this.recorded(messageId);
    if (!exchanges) return;
    const id = String(++this.next);
    this.docs.set(id, inspectorMarkdown(this.answers.model(messageId) ?? '', exchanges, labels()));
    for (const old of [...this.docs.keys()].slice(0, Math.max(0, this.docs.size - keptDocuments))) this.docs.delete(old);
    const uri = vscode.Uri.from({ scheme: inspectScheme, path: `/request-${id}.md`, query: id });
    const doc = await vscode.workspace.openTextDocument(uri);
    // Beside the code being worked on; with no editor open, a split would only leave an empty group.
    const viewColumn = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    await vscode.window.showTextDocument(doc, { viewColumn, preview: true });
  }

  /** The request that produced the answer (the last attempt), on the clipboard. */
  async copyCurl(messageId: string): Promise<void> {
    const last = this.recorded(messageId)?.at(-1);
    if (!last) return;
    if (last.requestBodyTruncated) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This request body was too large to keep whole, so it cannot be copied as curl.'));
      return;
    }
    await vscode.env.clipboard.writeText(curlCommand(last));
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied as curl. Set {0} to your key before running it.', curlKeyVariable), 5000);
  }

  private recorded(messageId: string): readonly Exchange[] | undefined {
    const exchanges = this.answers.exchanges(messageId);
    if (exchanges?.length) return exchanges;
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing was recorded for this answer. Requests are kept in memory for the last 50 answers of this window only, never saved with the conversation.'));
    return undefined;
  }
}

function labels(): InspectorLabels {
  return {
    title: vscode.l10n.t('Request inspector'),
    note: vscode.l10n.t('Exactly what went over the wire, kept in memory for this window only. Keys read ***; "Copy as curl" under the answer gives the last request byte for byte.'),
    attempt: (i, n) => vscode.l10n.t('Attempt {0} of {1}', i, n),
    requestHeaders: vscode.l10n.t('Request headers'),
    requestBody: vscode.l10n.t('Request body'),
    response: vscode.l10n.t('Response'),
    responseHeaders: vscode.l10n.t('Response headers'),
    rawResponse: vscode.l10n.t('Raw response'),
    noResponse: vscode.l10n.t('No response arrived.'),
    inProgress: vscode.l10n.t('Still receiving: open the inspector again for the rest.'),
    truncated: (n) => vscode.l10n.t('Truncated: only the first {0} characters were kept.', n),
    failed: (e) => vscode.l10n.t('Failed: {0}', e),
  };
}
