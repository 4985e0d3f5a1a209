// The workspace port the tools write through while an answer runs: every write (create, edit,
// rename, delete) is snapshotted by the answer's recorder before it reaches the real port, and
// every terminal command is noted. Folders a create or rename makes are kept as absent too. Whatever tool writes, and whenever it was approved, it passes here.
import type { WorkspacePath, WorkspacePort } from '../../tools';
import type { CheckpointRecorder } from './recorder';

export function recordingPort(port: WorkspacePort, recorder: CheckpointRecorder): WorkspacePort {
  const write = async (paths: WorkspacePath[], run: () => Promise<void>): Promise<void> => {
    await recorder.before(paths);
    try {
      await run();
    } finally {
      await recorder.after(paths);
    }
  };
  return {
    caseInsensitive: port.caseInsensitive,
    isTrusted: () => port.isTrusted(),
    folders: () => port.folders(),
    realpath: (abs) => port.realpath(abs),
    stat: (p) => port.stat(p),
    readFile: (p, o) => port.readFile(p, o),
    readDirectory: (p) => port.readDirectory(p),
    findFiles: (glob, o) => port.findFiles(glob, o),
    ...(port.isIgnored ? { isIgnored: (paths: readonly WorkspacePath[]) => port.isIgnored!(paths) } : {}),
    diagnostics: (p) => port.diagnostics(p),
    selection: () => port.selection(),
    openEditors: () => port.openEditors(),
    applyEdit: (p, text) => write([p], () => port.applyEdit(p, text)),
    createFile: async (p, text) => write([...await missingFolders(port, p), p], () => port.createFile(p, text)),
    renameFile: async (from, to, o) => write([from, ...await missingFolders(port, to), to], () => port.renameFile(from, to, o)),
    deleteFile: (p, o) => write([p], () => port.deleteFile(p, o)),
    runInTerminal: async (command, o) => {
      await recorder.command(command);
      return port.runInTerminal(command, o);
    },
  };
}

/** The folders a write to `p` will create (outermost first): a restore removes them again, unless something else went in since. */
async function missingFolders(port: WorkspacePort, p: WorkspacePath): Promise<WorkspacePath[]> {
  const parts = p.path.split('/').slice(0, -1);
  const missing: WorkspacePath[] = [];
  for (let i = parts.length; i > 0; i--) {
    const folder = { folder: p.folder, path: parts.slice(0, i).join('/') };
    if (await port.stat(folder)) break;
    missing.unshift(folder);
  }
  return missing;
}
