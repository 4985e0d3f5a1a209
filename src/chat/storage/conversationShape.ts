// What a conversation file must look like before anything reads its fields. A file written by an
// older or broken build (`messages: [null]`) would otherwise throw deep inside search or the panel.
import type { ConversationRecord, HistoryEntry, MessageRecord } from '../../shared/conversation';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ROLES: ReadonlySet<unknown> = new Set(['user', 'assistant', 'tool']);

/** The fields every reader of a message relies on; optional extras are the readers' own business. */
function isMessage(v: unknown): v is MessageRecord {
  return isObject(v) && typeof v.id === 'string' && ROLES.has(v.role) && typeof v.content === 'string'
    && (v.toolCalls === undefined || Array.isArray(v.toolCalls)) && (v.attachments === undefined || Array.isArray(v.attachments));
}

const isMessageList = (v: unknown): v is MessageRecord[] => Array.isArray(v) && v.every(isMessage);

export function isConversationRecord(v: unknown, id: string): v is ConversationRecord {
  return isObject(v) && v.id === id && typeof v.title === 'string' && typeof v.updatedAt === 'number'
    && isMessageList(v.messages) && (v.branches === undefined || (Array.isArray(v.branches) && v.branches.every(isMessageList)));
}

export function isHistoryEntry(v: unknown): v is HistoryEntry {
  return isObject(v) && typeof v.id === 'string' && typeof v.title === 'string' && typeof v.updatedAt === 'number' && typeof v.messageCount === 'number';
}
