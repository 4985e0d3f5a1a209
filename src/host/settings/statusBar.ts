import * as vscode from 'vscode';
import { currentModel } from './turnPlanner';

/** The current model in the status bar; a click picks another. */
export function createModelStatus(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('gatewayChat.model', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Gateway Chat';
  item.command = 'gatewayChat.selectModel';
  const update = () => {
    const model = currentModel();
    item.text = `$(comment-discussion) ${model ? model.slice(model.indexOf('/') + 1) : vscode.l10n.t('No model')}`;
    item.tooltip = model ? vscode.l10n.t('Gateway Chat model: {0}', model) : vscode.l10n.t('Gateway Chat: choose a model');
    item.show();
  };
  update();
  const sub = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('gatewayChat.defaultModel')) update();
  });
  return vscode.Disposable.from(item, sub);
}
