// The conversation a saver child writes at each version, and the check that a file holds exactly one
// whole version: shared by the child and the test, so both agree on what "not torn" means.
import type { ConversationRecord } from '../../../src/shared/conversation';

export const conversationId = 'killed';
// Big enough that a save takes a few milliseconds, so kills land inside writes as well as between them.
const bodyLength = 256 * 1024;

export function conversationAt(version: number): ConversationRecord {
  const at = 1_700_000_000_000 + version;
  return {
    version: 1, id: conversationId, title: `v${version}`, createdAt: 1_700_000_000_000, updatedAt: at, model: 'relay/m',
    messages: Array.from({ length: 1 + (version % 3) }, (_, i) => ({
      id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: `${version}:${i}:`.padEnd(bodyLength, String(version % 10)), status: 'complete', createdAt: at,
    })),
  } as ConversationRecord;
}

/** The version a saved record is, or throws when it is not exactly one version's content. */
export function versionOf(record: ConversationRecord): number {
  const version = Number(record.title.slice(1));
  if (JSON.stringify(record) !== JSON.stringify(conversationAt(version))) throw new Error(`record titled ${record.title} is not that version`);
  return version;
}
