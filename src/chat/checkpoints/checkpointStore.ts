// Checkpoints on disk, in the workspace's own storage: `index.json` (every checkpoint's paths and
// states, small) and `blobs/<sha-256>` (file contents, shared by every checkpoint that kept the same
// bytes). Both are written atomically, blobs before the index that names them, so a reload finds
// what was kept. Blobs stay under `maxBytes`: the oldest checkpoints go first.
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../storage/atomicFile';
import { blobsOf, type Checkpoint } from './checkpoint';
import { isCheckpoint } from './checkpointShape';
import { contentHash } from './fileState';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/** One file larger than this is not kept (it could push everything else out). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface CheckpointStoreOptions {
  maxBytes?: number;
  /** A write or read that failed: checkpoints are a safety net, so this is told, not thrown at the turn. */
  onError?(what: string, error: unknown): void;
  now?(): number;
}

interface Index { version: 1; nextSeq: number; checkpoints: Checkpoint[] }

const hashPattern = /^[0-9a-f]{64}$/;

export class CheckpointStore {
  private index: Promise<Index> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly indexFile: string;
  private readonly blobDir: string;
  readonly maxBytes: number;

  constructor(root: string, private readonly options: CheckpointStoreOptions = {}) {
    this.indexFile = path.join(root, 'index.json');
    this.blobDir = path.join(root, 'blobs');
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** The largest file a checkpoint keeps. */
  get maxFileBytes(): number {
    return Math.min(MAX_FILE_BYTES, this.maxBytes);
  }

  /** A new, empty checkpoint for an answer; saved by `save` once it holds something. */
  async create(meta: Pick<Checkpoint, 'id' | 'conversationId' | 'promptId'>): Promise<Checkpoint> {
    const index = await this.loaded();
    return { ...meta, seq: index.nextSeq++, createdAt: (this.options.now ?? Date.now)(), entries: [], commands: [] };
  }

  /** A snapshot that could not be taken: told where the store's errors go. */
  reportError(what: string, error: unknown): void {
    this.options.onError?.(what, error);
  }

  /** Keeps `bytes` (once per distinct content) and returns the name they are kept under. */
  async putBlob(bytes: Uint8Array): Promise<string> {
    const hash = contentHash(bytes);
    const file = path.join(this.blobDir, hash);
    if (!(await fs.stat(file).then(() => true, () => false))) {
      await fs.mkdir(this.blobDir, { recursive: true });
      await writeFileAtomic(file, bytes);
    }
    return hash;
  }

  async readBlob(hash: string): Promise<Uint8Array | undefined> {
    if (!hashPattern.test(hash)) return undefined;
    return fs.readFile(path.join(this.blobDir, hash)).catch(() => undefined);
  }

  /** Saves a new or grown checkpoint; while the blobs are over the limit the oldest others go. */
  save(c: Checkpoint): Promise<void> {
    return this.serial(async () => {
      const index = await this.loaded();
      const at = index.checkpoints.findIndex((x) => x.id === c.id);
      const copy = structuredClone(c);
      if (at >= 0) index.checkpoints[at] = copy;
      else index.checkpoints.push(copy);
      const evicted = evict(index.checkpoints, this.maxBytes, c.id);
      index.checkpoints = index.checkpoints.filter((x) => !evicted.includes(x));
      await this.writeIndex(index);
      await this.dropBlobs(evicted, index);
    });
  }

  async get(id: string): Promise<Checkpoint | undefined> {
    return (await this.loaded()).checkpoints.find((c) => c.id === id);
  }

  /** The conversation's checkpoints, oldest first. */
  async ofConversation(conversationId: string): Promise<Checkpoint[]> {
    return (await this.loaded()).checkpoints.filter((c) => c.conversationId === conversationId).sort((a, b) => a.seq - b.seq);
  }

  /** Used up (restored): gone from the index, their blobs too where nothing else keeps them. */
  remove(ids: readonly string[]): Promise<void> {
    return this.serial(async () => {
      const index = await this.loaded();
      const removed = index.checkpoints.filter((c) => ids.includes(c.id));
      if (!removed.length) return;
      index.checkpoints = index.checkpoints.filter((c) => !ids.includes(c.id));
      await this.writeIndex(index);
      await this.dropBlobs(removed, index);
    });
  }

  private loaded(): Promise<Index> {
    return (this.index ??= this.readIndex().then(async (index) => {
      await this.dropOrphans(index);
      return index;
    }));
  }

  private async readIndex(): Promise<Index> {
    const empty: Index = { version: 1, nextSeq: 1, checkpoints: [] };
    let text: string;
    try {
      text = await fs.readFile(this.indexFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.options.onError?.('read', e);
      return empty;
    }
    try {
      const parsed = JSON.parse(text) as Partial<Index>;
      if (parsed.version !== 1 || !Array.isArray(parsed.checkpoints) || typeof parsed.nextSeq !== 'number') throw new Error('not a checkpoint index');
      const checkpoints = parsed.checkpoints.filter(isCheckpoint);
      const nextSeq = Math.max(parsed.nextSeq, ...checkpoints.map((c) => c.seq + 1));
      return { version: 1, nextSeq, checkpoints };
    } catch (e) {
      // Never deleted: set aside for whoever wants to look, and start again.
      await fs.rename(this.indexFile, `${this.indexFile}.corrupt-${Date.now()}`).catch(() => undefined);
      this.options.onError?.('read', e);
      return empty;
    }
  }

  private async writeIndex(index: Index): Promise<void> {
    await fs.mkdir(path.dirname(this.indexFile), { recursive: true });
    await writeFileAtomic(this.indexFile, JSON.stringify(index));
  }

  /** Deletes the blobs of `gone` that no checkpoint left in `index` keeps. */
  private async dropBlobs(gone: readonly Checkpoint[], index: Index): Promise<void> {
    const kept = new Set(index.checkpoints.flatMap((c) => blobsOf(c).map((b) => b.hash)));
    const drop = new Set(gone.flatMap((c) => blobsOf(c).map((b) => b.hash)).filter((h) => !kept.has(h)));
    for (const hash of drop) await fs.rm(path.join(this.blobDir, hash), { force: true }).catch(() => undefined);
  }

  /**
   * Blobs no checkpoint names (a window closed between a blob and the index naming it) go at load,
   * before this window writes any: they would never be counted against the limit, nor deleted.
   */
  private async dropOrphans(index: Index): Promise<void> {
    const kept = new Set(index.checkpoints.flatMap((c) => blobsOf(c).map((b) => b.hash)));
    const names = await fs.readdir(this.blobDir).catch((): string[] => []);
    for (const name of names) if (!kept.has(name)) await fs.rm(path.join(this.blobDir, name), { force: true }).catch(() => undefined);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The checkpoints to let go, oldest first, until the distinct blobs fit in `maxBytes`; `keep` never goes. */
export function evict(checkpoints: readonly Checkpoint[], maxBytes: number, keep?: string): Checkpoint[] {
  const sizes = new Map<string, number>();
  const users = new Map<string, number>();
  for (const c of checkpoints) {
    for (const [hash, size] of new Map(blobsOf(c).map((b) => [b.hash, b.size]))) {
      sizes.set(hash, size);
      users.set(hash, (users.get(hash) ?? 0) + 1);
    }
  }
  let total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const evicted: Checkpoint[] = [];
  for (const c of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    if (total <= maxBytes) break;
    if (c.id === keep) continue;
    evicted.push(c);
    for (const hash of new Set(blobsOf(c).map((b) => b.hash))) {
      const left = (users.get(hash) ?? 1) - 1;
      users.set(hash, left);
      if (!left) total -= sizes.get(hash) ?? 0;
    }
  }
  return evicted;
}
