// The composer's draft for this workspace, in a file of the workspace's storage folder. Memento
// writes reach disk later, and a reload right after typing lost the newest draft.
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as vscode from 'vscode';
import { writeFileAtomic } from '../../chat/storage/atomicFile';

export class DraftStore {
  private readonly file: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(context: vscode.ExtensionContext) {
    this.file = path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'draft.json');
  }

  async read(): Promise<string> {
    try {
      const value = JSON.parse(await fs.readFile(this.file, 'utf8')) as { text?: unknown };
      return typeof value.text === 'string' ? value.text : '';
    } catch {
      return '';
    }
  }

  /** Writes in order, so an older draft never lands after a newer one. */
  write(text: string): Promise<void> {
    this.queue = this.queue.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify({ text }));
    }).catch(() => undefined);
    return this.queue;
  }
}
