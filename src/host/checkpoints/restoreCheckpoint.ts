// "Restore checkpoint" under an answer: the user picks files only or files and a rewind of the
// conversation, sees a diff and decides for each file changed since the answer, then everything
// else goes back in one WorkspaceEdit. Terminal commands cannot be undone, and the restore says so.
import * as vscode from 'vscode';
import type { Checkpoint } from '../../chat/checkpoints/checkpoint';
import type { CheckpointStore } from '../../chat/checkpoints/checkpointStore';
import { chainFrom, currentStates, planRestore, restoreTargets, type RestorePlan, type RestoreStep } from '../../chat/checkpoints/restorePlan';
import type { ChatSession } from '../../chat/turn/session';
import type { WorkspacePort } from '../../tools';
import type { ProposalDocuments } from '../editor/applyWithDiff';
import { closeTabsOf } from '../tools/toolApprovals';
import { applyRestore, uriOf } from './applyRestore';

export interface RestorerParts {
  store: CheckpointStore | undefined;
  session: ChatSession;
  port: WorkspacePort;
  proposals: ProposalDocuments;
  log: vscode.LogOutputChannel;
}

export class CheckpointRestorer {
  /** One restore at a time: a second click while the first asks is ignored. */
  private restoring = false;

  constructor(private readonly parts: RestorerParts) {}

  async restore(messageId: string): Promise<void> {
    if (this.restoring) return;
    this.restoring = true;
    try {
      await this.restoreNow(messageId);
    } finally {
      this.restoring = false;
    }
  }

  private async restoreNow(messageId: string): Promise<void> {
    const { store, session, port, log } = this.parts;
    if (session.busy) return void vscode.window.showInformationMessage(vscode.l10n.t('Stop the answer first: a checkpoint is restored only while the model is not working.'));
    const all = store ? await store.ofConversation(session.conversation.id) : [];
    const own = chainFrom(all, messageId, false);
    if (!store || !own.length) {
      return void vscode.window.showWarningMessage(vscode.l10n.t('This checkpoint is no longer kept (the oldest go once the checkpoints of a workspace pass 50 MB).'));
    }
    const prompt = session.promptOf(messageId);
    const rewind = await pickMode(own, prompt ? chainFrom(all, messageId, true) : undefined);
    if (rewind === undefined) return;
    const chain = rewind ? chainFrom(all, messageId, true) : own;
    const plan = planRestore(chain, await currentStates(port, chain, store.maxFileBytes));
    const keepMine = await this.askAboutConflicts(plan.steps.filter((s) => s.conflict));
    if (!keepMine) return;
    const outcome = await applyRestore(plan.steps.filter((s) => !keepMine.has(s)), (hash) => store.readBlob(hash));
    if (!outcome.done.length && outcome.failed.length) {
      log.error(`Restoring checkpoint ${messageId} failed for ${outcome.failed.join(', ')}`);
      return void vscode.window.showErrorMessage(vscode.l10n.t('The checkpoint could not be restored: {0}', outcome.failed.join(', ')));
    }
    const ids = chain.map((c) => c.id);
    await store.remove(ids);
    session.markRestored(ids);
    if (rewind && prompt) session.rewind(prompt.id);
    log.info(`Restored checkpoint ${messageId}: ${outcome.done.length} paths, ${outcome.failed.length} failed, ${keepMine.size} kept by the user`);
    void vscode.window.showInformationMessage(report(plan, outcome.done.length, outcome.failed, [...keepMine].map((s) => s.display)));
  }

  /** A diff and a question for each file changed since the answers; undefined: the user cancelled it all. */
  private async askAboutConflicts(conflicts: RestoreStep[]): Promise<Set<RestoreStep> | undefined> {
    const keep = new Set<RestoreStep>();
    for (const s of conflicts) {
      const { proposals, store } = this.parts;
      const name = s.path.split('/').pop() ?? s.path;
      const restored = s.target.kind === 'file' ? new TextDecoder().decode(await store!.readBlob(s.target.hash)) : '';
      const left = s.current.kind === 'file' ? uriOf(s) : proposals.add('', name);
      const right = proposals.add(restored, name);
      await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0}: yours now ↔ the checkpoint', s.display), { preview: true });
      const overwrite = vscode.l10n.t('Restore the checkpoint');
      const mine = vscode.l10n.t('Keep mine');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} was changed after this answer. Put the checkpoint\'s version back (the changes since are lost), or keep yours?', s.display),
        { modal: true }, overwrite, mine);
      await closeTabsOf((uri) => uri.toString() === right.toString());
      proposals.remove(right);
      if (left.scheme !== 'file') proposals.remove(left);
      if (!choice) return undefined;
      if (choice === mine) keep.add(s);
    }
    return keep;
  }
}

/** Files only (false), files and a rewind of the conversation (true), or nothing (undefined). */
async function pickMode(own: Checkpoint[], wholeTurn: Checkpoint[] | undefined): Promise<boolean | undefined> {
  type Item = vscode.QuickPickItem & { rewind: boolean };
  const files = (chain: Checkpoint[]) => restoreTargets(chain).filter((t) => t.target.kind !== 'directory').map((t) => t.display);
  const ownFiles = files(own);
  const items: Item[] = [{
    label: vscode.l10n.t('Restore the files only'), description: vscode.l10n.t('{0} files', ownFiles.length),
    detail: listed(ownFiles), rewind: false,
  }];
  if (wholeTurn) {
    items.push({
      label: vscode.l10n.t('Restore the files and rewind the conversation'), description: vscode.l10n.t('{0} files', files(wholeTurn).length),
      detail: vscode.l10n.t('The conversation goes back to before your prompt; the prompt returns to the composer to edit and send again.'), rewind: true,
    });
  }
  const commands = (wholeTurn ?? own).flatMap((c) => c.commands);
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Restore checkpoint'),
    placeHolder: commands.length
      ? vscode.l10n.t('Files go back to how they were before this answer. Terminal commands cannot be undone: {0}', commands.join('; '))
      : vscode.l10n.t('Files go back to how they were before this answer; later answers\' changes are undone too.'),
    ignoreFocusOut: true,
  });
  return pick?.rewind;
}

const listed = (paths: string[]) => (paths.length > 6 ? `${paths.slice(0, 6).join(', ')}, …` : paths.join(', '));

function report(plan: RestorePlan, done: number, failed: string[], kept: string[]): string {
  const lost = plan.steps.filter((s) => s.op === 'lost').map((s) => s.display);
  return [
    vscode.l10n.t('Restored {0} files from the checkpoint.', done),
    kept.length ? vscode.l10n.t('Kept your version of {0}.', kept.join(', ')) : '',
    [...lost, ...failed].length ? vscode.l10n.t('Could not be put back (too large to keep, or gone): {0}.', [...lost, ...failed].join(', ')) : '',
    plan.commands.length ? vscode.l10n.t('Terminal commands cannot be undone: {0}', plan.commands.join('; ')) : '',
  ].filter(Boolean).join(' ');
}
