// The workspace port the tools write through while an answer runs: every write (create, edit,
// rename, delete) is snapshotted by the answer's recorder before it reaches the real port, and
// every terminal command is noted. Whatever tool writes, and whenever it was approved, it passes here.
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
    createFile: (p, text) => write([p], () => port.createFile(p, text)),
    renameFile: (from, to, o) => write([from, to], () => port.renameFile(from, to, o)),
    deleteFile: (p, o) => write([p], () => port.deleteFile(p, o)),
    runInTerminal: async (command, o) => {
      await recorder.command(command);
      return port.runInTerminal(command, o);
    },
  };
}
