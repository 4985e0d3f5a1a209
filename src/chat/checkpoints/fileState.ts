// A path's state as the tools see it (an open editor's text counts), for snapshots and for
// telling whether a file is still what an answer left.
import { createHash } from 'node:crypto';
import type { WorkspacePath, WorkspacePort } from '../../tools';
import type { FileState } from './checkpoint';

/** A folder with more files than this is not listed (nor kept whole). */
export const MAX_LISTED_FILES = 2000;

export const contentHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The state of `p`, and the bytes when it is a file of at most `maxBytes`. */
export async function readState(port: WorkspacePort, p: WorkspacePath, maxBytes: number): Promise<{ state: FileState; bytes?: Uint8Array }> {
  const stat = await port.stat(p);
  if (!stat) return { state: { kind: 'absent' } };
  if (stat.type === 'directory' && !stat.symlink) {
    const files = await filesUnder(port, p, MAX_LISTED_FILES);
    const listing = files && contentHash(Buffer.from(files.map((f) => f.path).sort().join('\u0000'), 'utf8'));
    return { state: { kind: 'directory', ...(listing ? { listing } : {}) } };
  }
  if (stat.type !== 'file' || stat.size > maxBytes) return { state: { kind: 'unsaved', size: stat.size } };
  const { bytes, size } = await port.readFile(p, { maxBytes: maxBytes + 1 });
  if (size > maxBytes) return { state: { kind: 'unsaved', size } };
  return { state: { kind: 'file', hash: contentHash(bytes), size: bytes.length }, bytes };
}

/** The files under a folder, depth first, at most `limit` (undefined: there are more). */
export async function filesUnder(port: WorkspacePort, dir: WorkspacePath, limit: number): Promise<WorkspacePath[] | undefined> {
  const found: WorkspacePath[] = [];
  const pending = [dir];
  while (pending.length) {
    const d = pending.pop()!;
    for (const e of await port.readDirectory(d)) {
      const child = { folder: d.folder, path: d.path ? `${d.path}/${e.name}` : e.name };
      if (e.type === 'directory') pending.push(child);
      else found.push(child);
      if (found.length > limit) return undefined;
    }
  }
  return found;
}
