// What a restore will do, decided before anything is touched. Restoring an answer's checkpoint puts
// back every path it and the later answers of its conversation changed, as the earliest of them found
// it (the same as undoing each answer in reverse order), and nothing else. A path whose state is no
// longer what the answers left there was changed by someone else since: a conflict, asked about.
import type { WorkspacePort } from '../../tools';
import { entryKey, sameState, type Checkpoint, type FileState, type SnapshotEntry } from './checkpoint';
import { readState } from './fileState';

export interface RestoreTarget extends Pick<SnapshotEntry, 'folder' | 'path' | 'display'> {
  /** The state to put back: before the earliest answer of the chain touched the path. */
  target: FileState;
  /** What the latest answer that touched it left there (its state before, when that write did not finish). */
  left: FileState;
}

/** `keep`: already as it was; `lost`: its content was not kept, so it cannot be put back. */
export type RestoreOp = 'keep' | 'write' | 'delete' | 'lost';

export interface RestoreStep extends RestoreTarget {
  current: FileState;
  op: RestoreOp;
  /** Changed since the answers left it: overwrite only if the user says so. */
  conflict: boolean;
}

export interface RestorePlan {
  /** Deletions first, deepest first (a folder a rename made goes before the files return to the old one). */
  steps: RestoreStep[];
  /** Terminal commands the chain ran: a restore cannot undo them. */
  commands: string[];
}

/** The checkpoints a restore from `messageId` undoes: it (or, for a rewind, its whole turn) and every later one. */
export function chainFrom(conversationCheckpoints: readonly Checkpoint[], messageId: string, wholeTurn: boolean): Checkpoint[] {
  const sorted = [...conversationCheckpoints].sort((a, b) => a.seq - b.seq);
  const at = sorted.find((c) => c.id === messageId);
  if (!at) return [];
  const start = wholeTurn ? sorted.find((c) => c.promptId === at.promptId)! : at;
  return sorted.filter((c) => c.seq >= start.seq);
}

export function restoreTargets(chain: readonly Checkpoint[]): RestoreTarget[] {
  const byKey = new Map<string, RestoreTarget>();
  for (const c of [...chain].sort((a, b) => a.seq - b.seq)) {
    for (const e of c.entries) {
      const seen = byKey.get(entryKey(e));
      if (seen) seen.left = e.after ?? e.before;
      else byKey.set(entryKey(e), { folder: e.folder, path: e.path, display: e.display, target: e.before, left: e.after ?? e.before });
    }
  }
  return [...byKey.values()];
}

export function planRestore(chain: readonly Checkpoint[], current: readonly FileState[]): RestorePlan {
  const steps = restoreTargets(chain).map((t, i): RestoreStep => {
    const now = current[i];
    const op = opFor(t.target, now);
    return { ...t, current: now, op, conflict: (op === 'write' || op === 'delete') && !sameState(now, t.left) };
  });
  // Deletions first, the deepest first (a folder goes once its files went); then the writes.
  const rank = (s: RestoreStep) => (s.op === 'delete' ? -s.path.split('/').length : 1);
  return { steps: steps.sort((a, b) => rank(a) - rank(b)), commands: chain.flatMap((c) => c.commands) };
}

function opFor(target: FileState, current: FileState): RestoreOp {
  if (sameState(target, current)) return 'keep';
  switch (target.kind) {
    case 'file': return 'write';
    case 'absent': return 'delete';
    // A folder comes back with the files put back into it; the files in one that is there are steps of their own.
    case 'directory': return current.kind === 'absent' || current.kind === 'directory' ? 'keep' : 'lost';
    case 'unsaved': return 'lost';
  }
}

/** Each target's state now, in the order of `restoreTargets(chain)`. */
export async function currentStates(port: WorkspacePort, chain: readonly Checkpoint[], maxBytes: number): Promise<FileState[]> {
  const out: FileState[] = [];
  for (const t of restoreTargets(chain)) out.push(await readState(port, t, maxBytes).then((r) => r.state, (): FileState => ({ kind: 'unsaved', size: 0 })));
  return out;
}

