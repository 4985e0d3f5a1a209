import type { AssembledToolCall } from './types';

// Relays disagree on how tool-call deltas are keyed: OpenAI uses `index`, Ollama sends index 0
// for every parallel call (each with its own id), some omit `index` after the first chunk,
// some repeat `id` and `name` on every chunk. These rules merge all of them.

export interface CallState {
  id: string;
  name: string;
  arguments: string;
  legacy: boolean;
  /** Provider fields beside id/type/function, kept to go back with the call (Gemini's `extra_content`). */
  extras?: Record<string, unknown>;
}

/** The keys of a wire tool-call delta this merger reads; anything else is a provider's and is kept as it came. */
const OWN_KEYS = new Set(['index', 'id', 'type', 'function', 'name', 'arguments']);

export interface CallDelta {
  position: number;
  id?: string;
  name?: string;
  argumentsDelta?: string;
}

export class ToolCallMerger {
  readonly calls: CallState[] = [];
  private readonly byIndex = new Map<number, number>();
  private readonly byId = new Map<string, number>();
  private legacyPos = -1;

  /** Applies one wire delta; returns what changed, for the `toolCall` event. */
  apply(raw: unknown, fallbackIndex?: number): CallDelta | undefined {
    if (!raw || typeof raw !== 'object') return undefined;
    const tc = raw as { index?: unknown; id?: unknown; function?: { name?: unknown; arguments?: unknown }; name?: unknown; arguments?: unknown };
    const fn = tc.function ?? (tc as { name?: unknown; arguments?: unknown });
    const id = typeof tc.id === 'string' && tc.id !== '' ? tc.id : undefined;
    const index = typeof tc.index === 'number' ? tc.index : fallbackIndex;
    let pos: number;
    if (index !== undefined) {
      const existing = this.byIndex.get(index);
      if (existing !== undefined && !(id && this.calls[existing].id && this.calls[existing].id !== id)) {
        pos = existing;
      } else if (existing === undefined && id && this.byId.has(id)) {
        pos = this.byId.get(id)!;
        this.byIndex.set(index, pos);
      } else {
        pos = this.create(id);
        this.byIndex.set(index, pos);
      }
    } else if (id !== undefined) {
      pos = this.byId.get(id) ?? this.create(id);
    } else {
      pos = this.calls.length > 0 ? this.calls.length - 1 : this.create(undefined);
    }
    this.keepExtras(pos, tc as Record<string, unknown>);
    return this.merge(pos, id, fn.name, fn.arguments);
  }

  private keepExtras(pos: number, tc: Record<string, unknown>): void {
    for (const key in tc) {
      if (OWN_KEYS.has(key) || tc[key] === undefined || tc[key] === null) continue;
      const call = this.calls[pos];
      (call.extras ??= {})[key] = tc[key];
    }
  }

  /** Legacy `function_call`: one call per choice, never concatenating its name. */
  applyLegacy(raw: unknown): CallDelta | undefined {
    if (!raw || typeof raw !== 'object') return undefined;
    const fc = raw as { name?: unknown; arguments?: unknown };
    if (this.legacyPos < 0) {
      this.legacyPos = this.create(undefined);
      this.calls[this.legacyPos].legacy = true;
    }
    return this.merge(this.legacyPos, undefined, fc.name, fc.arguments);
  }

  private create(id: string | undefined): number {
    const pos = this.calls.length;
    this.calls.push({ id: '', name: '', arguments: '', legacy: false });
    if (id) this.byId.set(id, pos);
    return pos;
  }

  private merge(pos: number, id: string | undefined, name: unknown, args: unknown): CallDelta {
    const call = this.calls[pos];
    const out: CallDelta = { position: pos };
    if (id && call.id === '') {
      call.id = id;
      this.byId.set(id, pos);
      out.id = id;
    }
    if (typeof name === 'string' && name !== '' && call.name === '') {
      call.name = name;
      out.name = name;
    }
    let delta: string | undefined;
    if (typeof args === 'string') delta = args;
    else if (args !== undefined && args !== null) delta = JSON.stringify(args);
    if (delta) {
      call.arguments += delta;
      out.argumentsDelta = delta;
    }
    return out;
  }
}

export function finishCall(c: CallState): AssembledToolCall {
  const out: AssembledToolCall = { id: c.id, name: c.name, arguments: c.arguments };
  const text = c.arguments.trim();
  if (text === '') out.parsed = {};
  else {
    try {
      out.parsed = JSON.parse(text);
    } catch {
      out.invalid = true;
    }
  }
  if (c.legacy) out.legacy = true;
  if (c.extras) out.extras = c.extras;
  return out;
}
