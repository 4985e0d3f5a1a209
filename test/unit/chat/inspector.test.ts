import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { curlCommand, shellQuote } from '../../../src/chat/inspection/curl';
import { ExchangeLog, type Exchange } from '../../../src/chat/inspection/exchangeLog';
import { inspectorMarkdown, type InspectorLabels } from '../../../src/chat/inspection/inspectorDocument';

const labels: InspectorLabels = {
  title: 'Request inspector',
  note: 'memory only',
  attempt: (i, n) => `Attempt ${i} of ${n}`,
  requestHeaders: 'Request headers',
  requestBody: 'Request body',
  response: 'Response',
  responseHeaders: 'Response headers',
  rawResponse: 'Raw response',
  noResponse: 'No response arrived.',
  inProgress: 'Still receiving.',
  truncated: (n) => `Truncated after ${n} characters.`,
  failed: (e) => `Failed: ${e}`,
};

function record(log: ExchangeLog, id: string, body: string, chunks: string[], status = 200): void {
  const r = log.recorder(id);
  r({ type: 'request', url: 'https://gw/v1/chat/completions', method: 'POST', headers: { accept: 'text/event-stream', authorization: 'Bearer ***' }, body });
  r({ type: 'response', status, headers: { 'content-type': 'text/event-stream' } });
  for (const text of chunks) r({ type: 'chunk', text });
  r({ type: 'end' });
}

describe('ExchangeLog: the last answers, bounded', () => {
  it('records attempts per answer in order, with status, headers and the raw body', () => {
    const log = new ExchangeLog();
    const r = log.recorder('m1');
    r({ type: 'request', url: 'u', method: 'POST', headers: {}, body: '{"a":1}' });
    r({ type: 'response', status: 400, headers: { 'content-type': 'application/json' } });
    r({ type: 'chunk', text: '{"error":' });
    r({ type: 'chunk', text: '{}}' });
    r({ type: 'end', error: 'refused' });
    r({ type: 'request', url: 'u', method: 'POST', headers: {}, body: '{}' });
    assert.deepEqual(log.get('m1')![0], { url: 'u', method: 'POST', requestHeaders: {}, requestBody: '{"a":1}', status: 400, responseHeaders: { 'content-type': 'application/json' }, response: '{"error":{}}', error: 'refused' });
    assert.equal(log.get('m1')![1].open, true, 'an attempt still running says so');
    assert.equal(log.get('other'), undefined);
  });

  it('caps each response, noting the truncation, and keeps only the last answers', () => {
    const log = new ExchangeLog({ answers: 3, perBody: 10, total: 1000 });
    record(log, 'm1', '{}', ['0123456', '789abc', 'def']);
    assert.equal(log.get('m1')![0].response, '0123456789');
    assert.equal(log.get('m1')![0].responseTruncated, true);
    for (const id of ['m2', 'm3', 'm4']) record(log, id, '{}', ['x']);
    assert.equal(log.get('m1'), undefined, 'the oldest answer went');
    assert.ok(log.get('m2') && log.get('m4'));
  });

  it('keeps the total in bounds, never dropping the answer being recorded', () => {
    const log = new ExchangeLog({ answers: 50, perBody: 100, total: 150 });
    record(log, 'm1', '{}', ['a'.repeat(60)]);
    record(log, 'm2', '{}', ['b'.repeat(60)]);
    record(log, 'm3', '{}', ['c'.repeat(60)]);
    assert.equal(log.get('m1'), undefined);
    assert.ok(log.get('m3'));
    // A continued old answer becomes the newest.
    record(log, 'm2', '{}', ['d']);
    record(log, 'm5', '{}', ['e'.repeat(60)]);
    assert.ok(log.get('m2'));
    assert.equal(log.get('m3'), undefined);
  });
});

describe('curl: copy as curl', () => {
  const x: Pick<Exchange, 'url' | 'method' | 'requestHeaders' | 'requestBody'> = {
    url: 'https://gw.example/v1/chat/completions?api-version=1',
    method: 'POST',
    requestHeaders: { accept: 'text/event-stream', authorization: 'Bearer ***', 'content-type': 'application/json', 'x-api-key': '***', 'x-title': "Bob's app" },
    requestBody: JSON.stringify({ model: 'o3-mini', messages: [{ role: 'user', content: "it's $HOME `id` \\n \"q\"\nline two" }] }),
  };

  it('the exact URL, headers with the key as $GATEWAY_API_KEY, and the body single-quoted', () => {
    const cmd = curlCommand(x);
    assert.equal(cmd.split(' \\\n  ')[0], "curl 'https://gw.example/v1/chat/completions?api-version=1'");
    assert.ok(cmd.includes('-N'), 'streams');
    assert.ok(cmd.includes('-H "authorization: Bearer $GATEWAY_API_KEY"'));
    assert.ok(cmd.includes("-H 'x-api-key: ***'"));
    assert.ok(cmd.includes(`--data-raw ${shellQuote(x.requestBody!)}`));
  });

  it('runs in a POSIX shell: every argument arrives exactly, the key from the environment', function () {
    // Print the arguments curl would get instead of calling anything.
    const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${curlCommand(x)}`;
    let out: string;
    try {
      out = execFileSync('sh', ['-c', script], { env: { GATEWAY_API_KEY: 'sk-from-env', PATH: process.env.PATH }, encoding: 'utf8' });
    } catch {
      this.skip();
    }
    const args = out!.split('\0').slice(0, -1);
    assert.deepEqual(args, [
      x.url, '-N',
      '-H', 'accept: text/event-stream', '-H', 'authorization: Bearer sk-from-env', '-H', 'content-type: application/json',
      '-H', 'x-api-key: ***', '-H', "x-title: Bob's app", '--data-raw', x.requestBody,
    ]);
  });
});

describe('inspectorMarkdown', () => {
  it('shows each attempt: method and URL, headers, the body indented, the raw response in a fence it cannot close', () => {
    const log = new ExchangeLog();
    const r = log.recorder('m');
    r({ type: 'request', url: 'https://gw/v1/chat/completions', method: 'POST', headers: { authorization: 'Bearer ***' }, body: '{"model":"o3-mini","stream_options":{"include_usage":true}}' });
    r({ type: 'response', status: 400, headers: { 'content-type': 'application/json' } });
    r({ type: 'chunk', text: '{"error":{"message":"Unsupported parameter"}}' });
    r({ type: 'end', error: "Unsupported parameter: 'stream_options'" });
    record(log, 'm', '{"model":"o3-mini"}', ['data: ```not a fence```\n\n', 'data: [DONE]\n\n']);
    const md = inspectorMarkdown('relay/o3-mini', log.get('m')!, labels);
    assert.match(md, /^# Request inspector: relay\/o3-mini/);
    assert.match(md, /## Attempt 1 of 2 · HTTP 400\n\nPOST https:\/\/gw\/v1\/chat\/completions/);
    assert.match(md, /authorization: Bearer \*\*\*/);
    assert.match(md, /\{\n {2}"model": "o3-mini",\n {2}"stream_options": \{/);
    assert.match(md, /Failed: Unsupported parameter: 'stream_options'/);
    assert.match(md, /## Attempt 2 of 2 · HTTP 200/);
    assert.match(md, /````text\ndata: ```not a fence```\n\ndata: \[DONE\]\n\n\n````/);
  });

  it('says when nothing arrived, and when a body was cut', () => {
    const log = new ExchangeLog({ answers: 5, perBody: 4, total: 100 });
    const r = log.recorder('m');
    r({ type: 'request', url: 'u', method: 'POST', headers: {}, body: '{"model":"x"}' });
    r({ type: 'end', error: 'Connection to the gateway failed' });
    const md = inspectorMarkdown('', log.get('m')!, labels);
    assert.match(md, /No response arrived\./);
    assert.match(md, /Truncated after 4 characters\./);
    assert.match(md, /```json\n\{"mo\n```/, 'a cut body is shown as it is');
  });
});
