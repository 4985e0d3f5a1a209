// One JSON file per conversation plus a small index, under the extension's global storage.
// Nothing shown is lost: writes are atomic, streaming saves are debounced but flushed on demand,
// and a file that does not parse is set aside (renamed), never deleted.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ConversationRecord, HistoryEntry } from '../../shared/conversation';
import { writeFileAtomic } from './atomicFile';

export interface HistoryStoreOptions {
  /** Debounce for saveSoon, ms. */
  debounceMs?: number;
  /** Told about each corrupt file set aside (its new name), so the user can be informed. */
  onCorrupt?: (setAsidePath: string, error: unknown) => void;
  /** Told when a conversation could not be written, so the loss is never silent. */
  onWriteError?: (conversationId: string, error: unknown) => void;
}

const idPattern = /^[A-Za-z0-9_-]{1,80}$/;

export class HistoryStore {
  private readonly dir: string;
  private readonly indexFile: string;
  private index: Map<string, HistoryEntry> | undefined;
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; conversation: ConversationRecord }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly textCache = new Map<string, { updatedAt: number; text: string }>();

  constructor(root: string, private readonly options: HistoryStoreOptions = {}) {
    this.dir = path.join(root, 'conversations');
    this.indexFile = path.join(root, 'conversations-index.json');
  }

  /** Newest first. */
  async list(): Promise<HistoryEntry[]> {
    const index = await this.loadIndex();
    return [...index.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<ConversationRecord | undefined> {
    if (!idPattern.test(id)) return undefined;
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = JSON.parse(text) as ConversationRecord;
      if (parsed?.id !== id || !Array.isArray(parsed.messages)) throw new Error('not a conversation');
      return parsed;
    } catch (e) {
      await this.setAside(file, e);
      await this.serial(async () => {
        const index = await this.loadIndex();
        index.delete(id);
        await this.writeIndex(index);
      });
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
      void this.serial(() => this.write(structuredClone(conversation)));
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
      const index = await this.loadIndex();
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
    await writeFileAtomic(this.fileOf(conversation.id), JSON.stringify(conversation));
    const index = await this.loadIndex();
    index.set(conversation.id, entryOf(conversation));
    await this.writeIndex(index);
  }

  private async loadIndex(): Promise<Map<string, HistoryEntry>> {
    if (this.index) return this.index;
    try {
      const entries = JSON.parse(await fs.readFile(this.indexFile, 'utf8')) as HistoryEntry[];
      if (!Array.isArray(entries)) throw new Error('index is not a list');
      this.index = new Map(entries.map((e) => [e.id, e]));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') await this.setAside(this.indexFile, e);
      this.index = await this.rebuildIndex();
      await this.writeIndex(this.index).catch(() => undefined); // best effort: it is rebuilt again next time
    }
    return this.index;
  }

  /** The index is derived data: rebuilt from the conversation files when missing or broken. */
  private async rebuildIndex(): Promise<Map<string, HistoryEntry>> {
    const index = new Map<string, HistoryEntry>();
    let names: string[] = [];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return index;
    }
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(this.dir, name);
      try {
        const c = JSON.parse(await fs.readFile(file, 'utf8')) as ConversationRecord;
        if (!idPattern.test(c.id) || !Array.isArray(c.messages)) throw new Error('not a conversation');
        index.set(c.id, entryOf(c));
      } catch (e) {
        await this.setAside(file, e);
      }
    }
    return index;
  }

  private async writeIndex(index: Map<string, HistoryEntry>): Promise<void> {
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

function entryOf(c: ConversationRecord): HistoryEntry {
  return { id: c.id, title: c.title, updatedAt: c.updatedAt, model: c.model, messageCount: c.messages.length };
}
