// Issue #12's shared pieces: stop sequences as exact strings, the new form fields, endpoint timeouts,
// and what the host accepts from the panel for the new attachments and messages.
import assert from 'node:assert/strict';
import { defaultTimeouts, timeoutsOf } from '../../../src/shared/endpointTimeouts';
import { entryFromForm, formFromEntry, type FormValues } from '../../../src/shared/modelSettingsForm';
import { isFormSettings } from '../../../src/shared/modelSettingsShape';
import { parseWebviewMessage } from '../../../src/shared/protocol';
import { escapeStop, stopList, stopText, unescapeStop } from '../../../src/shared/stopSequences';

const form = (values: FormValues) => ({ ...formFromEntry({}), ...values });

describe('stop sequences: exact strings, escapes visible, never rewritten', () => {
  const tricky = ['\n\n', 'STOP', ' two spaces  ', 'a, b', 'C:\\path\\n', '\t<|end|>\u0001'];

  it('each string reads back exactly as written', () => {
    for (const s of tricky) assert.equal(unescapeStop(escapeStop(s)), s, JSON.stringify(s));
    assert.equal(escapeStop('\n\n'), '\\n\\n', 'a line break shows as \\n');
    assert.equal(stopText(['\n\n', 'STOP']), '\\n\\n\nSTOP');
    assert.deepEqual(stopList('\\n\\n\nSTOP\n\n'), ['\n\n', 'STOP'], 'blank lines are not entries');
  });

  it('opening and saving the form keeps ["\\n\\n", "STOP"] and spaces as they are', () => {
    for (const stop of [['\n\n', 'STOP'], [' x ', 'a, b', 'C:\\p\\n', '\t']]) {
      const saved = entryFromForm(formFromEntry({ params: { stop } }));
      assert.deepEqual(saved, { ok: true, settings: { params: { stop } } });
    }
  });

  it('at most 4', () => {
    assert.deepEqual(entryFromForm(form({ stop: 'a\nb\nc\nd\ne' })), { ok: false, errors: { stop: { text: 'At most {0} stop sequences.', args: [4] } } });
    assert.equal(isFormSettings({ params: { stop: ['a', 'b', 'c', 'd', 'e'] } }), false, 'the host refuses five too');
  });
});

describe('model settings form: tools and audio answers', () => {
  it('maps tool_choice (a mode or a named tool), parallel_tool_calls and strict; round-trips', () => {
    const named = entryFromForm(form({ tool_choice: 'named', 'tool-choice-name': 'read_file', parallel_tool_calls: 'false', 'strict-tools': 'on' }));
    assert.deepEqual(named, { ok: true, settings: { toolChoice: { name: 'read_file' }, parallelToolCalls: false, strictTools: true } });
    assert.ok(named.ok && isFormSettings(named.settings));
    assert.deepEqual(entryFromForm(formFromEntry(named.ok ? named.settings : {})), named);
    assert.deepEqual(entryFromForm(form({ tool_choice: 'required' })), { ok: true, settings: { toolChoice: 'required' } });
    assert.deepEqual(entryFromForm(form({ tool_choice: 'named' })), { ok: false, errors: { 'tool-choice-name': { text: 'Name the tool.' } } });
    assert.equal(isFormSettings({ toolChoice: 'sometimes' }), false);
  });

  it('a voice asks for audio answers: modalities and audio {voice, format}', () => {
    const r = entryFromForm(form({ 'audio-voice': 'alloy', 'audio-format': 'mp3', 'capability-audio': 'on', 'capability-files': 'on' }));
    assert.deepEqual(r, { ok: true, settings: { params: { modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'mp3' } }, capabilities: { files: true, audio: true } } });
    assert.ok(r.ok && isFormSettings(r.settings));
    assert.deepEqual(entryFromForm(formFromEntry(r.ok ? r.settings : {})), r);
    assert.equal(entryFromForm(form({ 'audio-format': 'wav' })).ok, false, 'a format without a voice');
  });
});

describe('endpoint timeouts', () => {
  it('defaults are long enough for silent thinking; an endpoint may set its own, junk is ignored', () => {
    assert.ok(defaultTimeouts.timeoutMs >= 300_000 && defaultTimeouts.idleTimeoutMs >= 180_000);
    assert.deepEqual(timeoutsOf({}), defaultTimeouts);
    assert.deepEqual(timeoutsOf({ timeoutMs: 30_000, idleTimeoutMs: 0 }), { timeoutMs: 30_000, idleTimeoutMs: 0 });
    assert.deepEqual(timeoutsOf({ timeoutMs: -1, idleTimeoutMs: '5' }), defaultTimeouts);
  });

  it('the setup form may send them; out of range is refused', () => {
    const endpoint = { id: 'r', name: 'R', baseUrl: 'https://x/v1', headers: {} };
    assert.ok(parseWebviewMessage({ type: 'saveEndpoint', endpoint: { ...endpoint, timeoutMs: 900_000, idleTimeoutMs: 120_000 } }));
    assert.equal(parseWebviewMessage({ type: 'saveEndpoint', endpoint: { ...endpoint, timeoutMs: 1e12 } }), undefined);
  });
});

describe('protocol: the new attachments and messages', () => {
  const send = (attachments: unknown[]) => parseWebviewMessage({ type: 'send', text: 'x', attachments });

  it('accepts an https image URL with detail, a document and wav / mp3 audio', () => {
    assert.ok(send([{ kind: 'image', label: 'cat.png', url: 'https://example.com/cat.png', detail: 'high' }]));
    assert.ok(send([{ kind: 'document', label: 'r.pdf', dataUrl: 'data:application/pdf;base64,JVBE' }]));
    assert.ok(send([{ kind: 'audio', label: 'a.mp3', dataUrl: 'data:audio/mpeg;base64,SUQz' }]));
  });

  it('refuses other URLs, a URL on a non-image, audio in other formats and a document without its bytes', () => {
    for (const a of [
      { kind: 'image', label: 'x', url: 'http://example.com/cat.png' },
      { kind: 'image', label: 'x', url: 'javascript:alert(1)' },
      { kind: 'document', label: 'x', url: 'https://example.com/a.pdf' },
      { kind: 'audio', label: 'x', dataUrl: 'data:audio/ogg;base64,AAAA' },
      { kind: 'document', label: 'x' },
      { kind: 'image', label: 'x', dataUrl: 'data:application/pdf;base64,AAAA' },
    ]) assert.equal(send([a]), undefined, JSON.stringify(a));
  });

  it('saveImageLink and the new attach kinds', () => {
    assert.ok(parseWebviewMessage({ type: 'saveImageLink', messageId: 'm', index: 0 }));
    for (const kind of ['document', 'audio', 'imageUrl']) assert.ok(parseWebviewMessage({ type: 'attach', kind }));
  });
});
