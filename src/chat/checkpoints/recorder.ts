// Takes one answer's checkpoint. Before a write reaches a path for the first time in this answer,
// the path's state and content are kept (a folder with every file in it); after each write, what the
// write left is noted, so a restore can tell the user's later edits from the answer's. A snapshot
// that cannot be kept never stops the write the user approved: the path is marked as not kept.
import type { CheckpointSummary } from '../../shared/conversation';
import { displayOf, type WorkspacePath, type WorkspacePort } from '../../tools';
import { entryKey, summarize, type Checkpoint, type FileState, type SnapshotEntry } from './checkpoint';
import type { CheckpointStore } from './checkpointStore';
import { filesUnder, MAX_LISTED_FILES, readState } from './fileState';

export interface RecorderParts {
  store: CheckpointStore;
  /** The port the writes go through (not the recording one). */
  port: WorkspacePort;
  meta: Pick<Checkpoint, 'id' | 'conversationId' | 'promptId'>;
  /** The checkpoint grew: what the transcript lists. */
  onChange(summary: CheckpointSummary): void;
  onError?(error: unknown): void;
}

export class CheckpointRecorder {
  private checkpoint: Checkpoint | undefined;
  private readonly seen = new Set<string>();

  constructor(private readonly parts: RecorderParts) {}

  /** Before a write to `paths`: keeps each one this answer has not written yet. */
  async before(paths: readonly WorkspacePath[]): Promise<void> {
    const fresh = paths.filter((p) => !this.seen.has(entryKey(p)));
    if (!fresh.length) return;
    const c = await this.current();
    for (const p of fresh) {
      for (const e of await this.snapshot(p)) {
        if (this.seen.has(entryKey(e))) continue;
        this.seen.add(entryKey(e));
        c.entries.push(e);
      }
    }
    await this.save();
  }

  /** After a write to `paths` (done or failed): what it left there, and in the folders among them. */
  async after(paths: readonly WorkspacePath[]): Promise<void> {
    const c = this.checkpoint;
    if (!c) return;
    const touched = c.entries.filter((e) => paths.some((p) => e.folder.root === p.folder.root && (e.path === p.path || e.path.startsWith(`${p.path}/`))));
    for (const e of touched) e.after = await this.state(e).catch((): FileState => ({ kind: 'unsaved', size: 0 }));
    await this.save();
  }

  /** A terminal command is about to run: it cannot be undone, and the restore will say so. */
  async command(command: string): Promise<void> {
    (await this.current()).commands.push(command);
    await this.save();
  }

  private async current(): Promise<Checkpoint> {
    return (this.checkpoint ??= await this.parts.store.create(this.parts.meta));
  }

  private async snapshot(p: WorkspacePath): Promise<SnapshotEntry[]> {
    const display = displayOf(this.parts.port, p);
    try {
      const { state, bytes } = await readState(this.parts.port, p, this.parts.store.maxFileBytes);
      if (state.kind === 'file') return [{ ...base(p, display), before: { ...state, hash: await this.parts.store.putBlob(bytes!) } }];
      if (state.kind !== 'directory') return [{ ...base(p, display), before: state }];
      const files = await filesUnder(this.parts.port, p, MAX_LISTED_FILES);
      if (!files) return [{ ...base(p, display), before: { kind: 'unsaved', size: 0 } }];
      const inside = await Promise.all(files.filter((f) => !this.seen.has(entryKey(f))).map((f) => this.snapshot(f)));
      return [{ ...base(p, display), before: state }, ...inside.flat()];
    } catch (e) {
      this.report(e);
      return [{ ...base(p, display), before: { kind: 'unsaved', size: 0 } }];
    }
  }

  private report(e: unknown): void {
    if (this.parts.onError) this.parts.onError(e);
    else this.parts.store.reportError('snapshot', e);
  }

  private async state(e: SnapshotEntry): Promise<FileState> {
    return (await readState(this.parts.port, e, this.parts.store.maxFileBytes)).state;
  }

  private async save(): Promise<void> {
    const c = this.checkpoint!;
    try {
      await this.parts.store.save(c);
    } catch (e) {
      this.report(e);
    }
    this.parts.onChange(summarize(c));
  }
}

const base = (p: WorkspacePath, display: string) => ({ folder: { name: p.folder.name, root: p.folder.root }, path: p.path, display });
