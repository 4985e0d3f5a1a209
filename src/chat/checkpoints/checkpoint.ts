// What a checkpoint is: the state of every file an answer's tools were about to change, taken
// before the first change to each, and what the answer left there. Types and small pure helpers.
import type { CheckpointSummary } from '../../shared/conversation';
import type { WorkspaceFolder } from '../../tools';

/** A path's state. Content lives in the store's blobs, named by `hash` (sha-256 hex). */
export type FileState =
  | { kind: 'absent' }
  | { kind: 'file'; hash: string; size: number }
  /** `listing`: a hash of the names of the files inside (none: too many to list), so a file added to it shows. */
  | { kind: 'directory'; listing?: string }
  /** Too large (or unreadable) to keep: it cannot be put back, only told about. */
  | { kind: 'unsaved'; size: number };

export interface SnapshotEntry {
  folder: WorkspaceFolder;
  /** POSIX, relative to the folder. */
  path: string;
  /** As the transcript shows it (folder-prefixed in a multi-root workspace). */
  display: string;
  /** Before the answer's first write to it. */
  before: FileState;
  /** What the answer's last write left; absent while the write runs (or when it failed). */
  after?: FileState;
}

export interface Checkpoint {
  /** The assistant message whose tool calls made the changes. */
  id: string;
  conversationId: string;
  /** The user message that started the turn (what a rewind returns to the composer). */
  promptId: string;
  /** Creation order across the workspace: "later" means a higher number. */
  seq: number;
  createdAt: number;
  entries: SnapshotEntry[];
  /** Terminal commands the message ran: they cannot be undone. */
  commands: string[];
}

export const entryKey = (e: Pick<SnapshotEntry, 'folder' | 'path'>): string => `${e.folder.root}\u0000${e.path}`;

export function sameState(a: FileState, b: FileState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'file' && b.kind === 'file') return a.hash === b.hash;
  if (a.kind === 'unsaved' && b.kind === 'unsaved') return a.size === b.size;
  if (a.kind === 'directory' && b.kind === 'directory') return a.listing !== undefined && a.listing === b.listing;
  return true;
}

/** Hashes of file content a checkpoint keeps (what its blobs are). */
export function blobsOf(c: Checkpoint): { hash: string; size: number }[] {
  return c.entries.flatMap((e) => (e.before.kind === 'file' ? [{ hash: e.before.hash, size: e.before.size }] : []));
}

/** What the transcript lists under the answer: each file changed, as created, edited or deleted. */
export function summarize(c: Checkpoint): CheckpointSummary {
  const files = c.entries.filter((e) => e.before.kind !== 'directory' && e.after?.kind !== 'directory').flatMap((e) => {
    const after = e.after;
    // A write that did not finish, or changed nothing, is not a change to list.
    if (!after || sameState(after, e.before)) return [];
    const change = e.before.kind === 'absent' ? 'created' as const : after.kind === 'absent' ? 'deleted' as const : 'edited' as const;
    return [{ path: e.display, change }];
  });
  return { files, ...(c.commands.length ? { commands: c.commands.length } : {}) };
}
