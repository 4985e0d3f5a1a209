// What a checkpoint read back from disk must look like before restore trusts its paths and states.
import type { Checkpoint, FileState, SnapshotEntry } from './checkpoint';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function isState(v: unknown): v is FileState {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case 'absent': return true;
    case 'directory': return v.listing === undefined || isString(v.listing);
    case 'file': return isString(v.hash) && /^[0-9a-f]{64}$/.test(v.hash) && typeof v.size === 'number';
    case 'unsaved': return typeof v.size === 'number';
    default: return false;
  }
}

function isEntry(v: unknown): v is SnapshotEntry {
  // Paths were guarded when written: no absolute path, no `..`, nothing a hand-edited index could add.
  return isObject(v) && isObject(v.folder) && isString(v.folder.name) && isString(v.folder.root)
    && isString(v.path) && !v.path.split('/').some((s) => s === '..' || s === '.') && !v.path.startsWith('/') && !v.path.includes('\\')
    && isString(v.display) && isState(v.before) && (v.after === undefined || isState(v.after));
}

export function isCheckpoint(v: unknown): v is Checkpoint {
  return isObject(v) && isString(v.id) && isString(v.conversationId) && isString(v.promptId)
    && typeof v.seq === 'number' && typeof v.createdAt === 'number'
    && Array.isArray(v.entries) && v.entries.every(isEntry) && Array.isArray(v.commands) && v.commands.every(isString);
}
