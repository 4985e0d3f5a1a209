// One JSON file per conversation plus a small index, under the extension's global storage.
// Nothing shown is lost: writes are atomic, streaming saves are debounced but flushed on demand,
// and a file that does not parse or has the wrong shape is set aside (renamed), never deleted.
//
// Several windows share the folder, each with its own store. So the folder's listing says which
// conversations exist, and the index only caches their titles, stamped with each file's mtime and
// size: a window that writes its (older) copy of the index whole can make another re-read a file,
// never lose one.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ConversationRecord, HistoryEntry } from '../../shared/conversation';
import { writeFileAtomic } from './atomicFile';
import { isConversationRecord, isHistoryEntry } from './conversationShape';

export interface HistoryStoreOptions {
  /** Debounce for saveSoon, ms. */
  debounceMs?: number;
  /** Told about each corrupt file set aside (its new name), so the user can be informed. */
  onCorrupt?: (setAsidePath: string, error: unknown) => void;
  /** Told when a conversation could not be written, so the loss is never silent. */
  onWriteError?: (conversationId: string, error: unknown) => void;
}

const idPattern = /^[A-Za-z0-9_-]{1,80}$/;

/** An index entry and the stamp of the file it was read from; a different stamp means read again. */
interface Cached { entry: HistoryEntry; mtimeMs: number; size: number }

export class HistoryStore {
  private readonly dir: string;
  private readonly indexFile: string;
  private index: Map<string, Cached> | undefined;
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; conversation: ConversationRecord }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly textCache = new Map<string, { updatedAt: number; text: string }>();

  constructor(root: string, private readonly options: HistoryStoreOptions = {}) {
    this.dir = path.join(root, 'conversations');
    this.indexFile = path.join(root, 'conversations-index.json');
  }

  /** Newest first: every conversation file in the folder, whichever window wrote it. */
  async list(): Promise<HistoryEntry[]> {
    const index = await this.refreshIndex();
    return [...index.values()].map((c) => c.entry).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<ConversationRecord | undefined> {
    if (!idPattern.test(id)) return undefined;
    const conversation = await this.read(id);
    if (!conversation) this.index?.delete(id);
    return conversation;
  }

  /** The conversation in its file; a file that does not parse or fit is set aside. */
  private async read(id: string): Promise<ConversationRecord | undefined> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      // Gone is gone; a file that exists but cannot be read (too large for one string, ...) would
      // otherwise stay listed and never open: it is set aside like one that does not parse.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') await this.setAside(file, e);
      return undefined;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isConversationRecord(parsed, id)) throw new Error('not a conversation');
      return parsed;
    } catch (e) {
      await this.setAside(file, e);
      return undefined;
    }
  }

  /** Saves now (and cancels a pending debounced save of the same conversation). */
  save(conversation: ConversationRecord): Promise<void> {
    this.cancelPending(conversation.id);
    return this.serial(() => this.write(structuredClone(conversation))).catch((e) => {
      this.options.onWriteError?.(conversation.id, e);
      throw e;
    });
  }

  /** Saves after a short quiet period; used while an answer streams. */
  saveSoon(conversation: ConversationRecord): void {
    const pending = this.timers.get(conversation.id);
    if (pending) {
      pending.conversation = conversation;
      return;
    }
    const entry = {
      conversation,
      timer: setTimeout(() => {
        this.timers.delete(conversation.id);
        void this.serial(() => this.write(structuredClone(entry.conversation))).catch((e) => this.options.onWriteError?.(conversation.id, e));
      }, this.options.debounceMs ?? 400),
    };
    this.timers.set(conversation.id, entry);
  }

  /** Writes every pending debounced save and waits for all writes. */
  async flush(): Promise<void> {
    for (const [id, { conversation }] of [...this.timers]) {
      this.cancelPending(id);
      void this.serial(() => this.write(structuredClone(conversation))).catch((e) => this.options.onWriteError?.(id, e));
    }
    await this.queue;
  }

  async rename(id: string, title: string): Promise<void> {
    const conversation = await this.load(id);
    if (!conversation) return;
    conversation.title = title;
    await this.save(conversation);
  }

  async delete(id: string): Promise<void> {
    if (!idPattern.test(id)) return;
    this.cancelPending(id);
    this.textCache.delete(id);
    await this.serial(async () => {
      await fs.rm(this.fileOf(id), { force: true });
      const index = await this.cachedIndex();
      index.delete(id);
      await this.writeIndex(index);
    });
  }

  /** Conversations whose title or any message contains every word of the query (case-insensitive). */
  async search(query: string): Promise<HistoryEntry[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const all = await this.list();
    if (!words.length) return all;
    const hits: HistoryEntry[] = [];
    for (const entry of all) {
      const titleText = entry.title.toLowerCase();
      if (words.every((w) => titleText.includes(w))) {
        hits.push(entry);
        continue;
      }
      const text = await this.messagesText(entry);
      if (words.every((w) => (titleText + '\n' + text).includes(w))) hits.push(entry);
    }
    return hits;
  }

  /**
   * The lower-cased text of a conversation's messages, read once per version: searching as the user
   * types must not parse every saved conversation on every keystroke.
   */
  private async messagesText(entry: HistoryEntry): Promise<string> {
    const cached = this.textCache.get(entry.id);
    if (cached?.updatedAt === entry.updatedAt) return cached.text;
    const conversation = await this.load(entry.id);
    const text = conversation ? conversation.messages.map((m) => m.content).join('\n').toLowerCase() : '';
    this.textCache.set(entry.id, { updatedAt: entry.updatedAt, text });
    return text;
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private cancelPending(id: string): void {
    const pending = this.timers.get(id);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(id);
  }

  /** Every write goes through one queue, so the index never loses an update to a race. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(conversation: ConversationRecord): Promise<void> {
    if (!idPattern.test(conversation.id)) throw new Error(`invalid conversation id ${conversation.id}`);
    await fs.mkdir(this.dir, { recursive: true });
    const file = this.fileOf(conversation.id);
    await writeFileAtomic(file, JSON.stringify(conversation));
    const stat = await fs.stat(file);
    const index = await this.cachedIndex();
    index.set(conversation.id, { entry: entryOf(conversation), mtimeMs: stat.mtimeMs, size: stat.size });
    await this.writeIndex(index);
  }

  /** This window's copy, read from the index file the first time (it may be stale: list refreshes it). */
  private async cachedIndex(): Promise<Map<string, Cached>> {
    return (this.index ??= await this.readIndexFile());
  }

  /**
   * The index brought up to date with the folder: files another window wrote or changed are read,
   * entries whose file is gone are dropped. Each file is parsed only when its stamp changed.
   */
  private async refreshIndex(): Promise<Map<string, Cached>> {
    const known = await this.cachedIndex();
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const next = new Map<string, Cached>();
    let changed = false;
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (!idPattern.test(id)) continue;
      const stat = await fs.stat(this.fileOf(id)).catch(() => undefined);
      if (!stat?.isFile()) continue;
      const old = known.get(id);
      if (old && old.mtimeMs === stat.mtimeMs && old.size === stat.size) {
        next.set(id, old);
        continue;
      }
      changed = true;
      const c = await this.read(id);
      if (c) next.set(id, { entry: entryOf(c), mtimeMs: stat.mtimeMs, size: stat.size });
    }
    if (!changed && next.size === known.size) return known;
    this.index = next;
    await this.writeIndex(next).catch(() => undefined); // a cache: written again next time
    return next;
  }

  /** The index file's entries; a broken one is set aside and the folder's files are read again. */
  private async readIndexFile(): Promise<Map<string, Cached>> {
    try {
      const entries: unknown = JSON.parse(await fs.readFile(this.indexFile, 'utf8'));
      if (!Array.isArray(entries)) throw new Error('index is not a list');
      return new Map(entries.filter(isCached).map((c) => [c.entry.id, c]));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') await this.setAside(this.indexFile, e);
      return new Map();
    }
  }

  private async writeIndex(index: Map<string, Cached>): Promise<void> {
    await fs.mkdir(path.dirname(this.indexFile), { recursive: true });
    await writeFileAtomic(this.indexFile, JSON.stringify([...index.values()]));
  }

  private async setAside(file: string, error: unknown): Promise<void> {
    const target = `${file}.corrupt-${Date.now()}`;
    try {
      await fs.rename(file, target);
      this.options.onCorrupt?.(target, error);
    } catch {
      /* already gone: nothing to keep */
    }
  }
}

/** An entry of an older index (no stamp) does not pass: its file is read again once. */
function isCached(v: unknown): v is Cached {
  const c = v as Cached | null;
  return typeof c === 'object' && c !== null && isHistoryEntry(c.entry) && typeof c.mtimeMs === 'number' && typeof c.size === 'number';
}

function entryOf(c: ConversationRecord): HistoryEntry {
  return { id: c.id, title: c.title, updatedAt: c.updatedAt, model: c.model, messageCount: c.messages.length };
}
