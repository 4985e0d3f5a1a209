// A workspace on disk, a checkpoint store beside it, and an answer's tool calls run through the
// recording port, as the session runs them.
import fs from 'node:fs';
import path from 'node:path';
import { CheckpointStore, type CheckpointStoreOptions } from '../../../../src/chat/checkpoints/checkpointStore';
import { CheckpointRecorder } from '../../../../src/chat/checkpoints/recorder';
import { recordingPort } from '../../../../src/chat/checkpoints/recordingPort';
import { currentStates, planRestore, type RestorePlan } from '../../../../src/chat/checkpoints/restorePlan';
import type { Checkpoint } from '../../../../src/chat/checkpoints/checkpoint';
import type { CheckpointSummary } from '../../../../src/shared/conversation';
import { executeToolCalls, type ApprovalDecision, type ApprovalRequest, type ToolResult } from '../../../../src/tools';
import { call, FakeWorkspacePort, tempDir, writeTree } from '../../tools/fakePort';

export function workspace(files: Record<string, string>, options: CheckpointStoreOptions = {}) {
  const root = tempDir('ckpt-ws-');
  writeTree(root, files);
  const storeDir = tempDir('ckpt-store-');
  const port = new FakeWorkspacePort(root);
  const errors: unknown[] = [];
  const store = new CheckpointStore(storeDir, { onError: (_w, e) => errors.push(e), ...options });
  const read = (rel: string) => (fs.existsSync(path.join(root, rel)) ? fs.readFileSync(path.join(root, rel), 'utf8') : undefined);
  const write = (rel: string, text: string) => writeTree(root, { [rel]: text });
  return { root, storeDir, port, store, errors, read, write };
}

export type Workspace = ReturnType<typeof workspace>;

/** One assistant message's calls, each approved unless `decide` says otherwise; returns the transcript's summary. */
export async function answer(ws: Workspace, id: string, calls: [string, unknown][], decide: (r: ApprovalRequest) => ApprovalDecision = () => ({ approved: true }), promptId = `prompt-of-${id}`) {
  let summary: CheckpointSummary | undefined;
  const recorder = new CheckpointRecorder({ store: ws.store, port: ws.port, meta: { id, conversationId: 'conv', promptId }, onChange: (s) => (summary = s) });
  const results: ToolResult[] = await executeToolCalls(calls.map(([name, args]) => call(name, args)), {
    port: recordingPort(ws.port, recorder), allowedTools: new Set(), requestApproval: async (r) => decide(r),
  });
  return { summary, results };
}

/** What a restore from `id` would do, against the workspace as it is now. */
export async function plan(ws: Workspace, chain: Checkpoint[]): Promise<RestorePlan> {
  return planRestore(chain, await currentStates(ws.port, chain, ws.store.maxFileBytes));
}

/** The plan carried out on disk, as the host's WorkspaceEdit does (conflicts overwritten only when `overwrite`). */
export async function apply(ws: Workspace, p: RestorePlan, overwrite = true): Promise<void> {
  for (const s of p.steps) {
    if (s.conflict && !overwrite) continue;
    const abs = path.join(ws.root, s.path);
    if (s.op === 'delete') fs.rmSync(abs, { recursive: true, force: true });
    if (s.op === 'write' && s.target.kind === 'file') {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, (await ws.store.readBlob(s.target.hash))!);
    }
  }
}
