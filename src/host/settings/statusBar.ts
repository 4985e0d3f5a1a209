import * as vscode from 'vscode';
import { shortCount, type UsageTally } from '../../chat/lm/usageTally';
import { balanceText, type BalanceWatch } from './balanceWatch';
import { currentModel } from './turnPlanner';

/**
 * The current model in the status bar (a click picks another), what VS Code's chat spent through the gateways,
 * and the relay's balance in its tooltip.
 */
export function createModelStatus(usage?: UsageTally, balance?: BalanceWatch): vscode.Disposable & { refresh(): void } {
  const item = vscode.window.createStatusBarItem('gatewayChat.model', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Gateway Chat';
  item.command = 'gatewayChat.selectModel';
  const update = () => {
    const model = currentModel();
    const spent = usage?.requests ? ` · ${shortCount(usage.tokens)}` : '';
    item.text = `$(comment-discussion) ${model ? model.slice(model.indexOf('/') + 1) : vscode.l10n.t('No model')}${spent}`;
    const lines = [model ? vscode.l10n.t('Gateway Chat model: {0}', model) : vscode.l10n.t('Gateway Chat: choose a model')];
    if (usage?.requests) {
      lines.push(vscode.l10n.t('VS Code chat through the gateways in this window: {0} requests, {1} prompt and {2} completion tokens',
        usage.requests, usage.promptTokens, usage.completionTokens) + (usage.cost.size ? ` (${usage.costText()})` : ''));
    }
    const left = balance?.current;
    if (left) lines.push(vscode.l10n.t('Balance: {0}', balanceText(left)));
    item.tooltip = lines.join('\n');
    item.show();
  };
  update();
  const sub = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('gatewayChat.defaultModel')) update();
  });
  return Object.assign(vscode.Disposable.from(item, sub, ...(balance ? [balance.onDidChange(update)] : [])), { refresh: update });
}
