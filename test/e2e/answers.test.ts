// Issue #12 in a real VS Code against the loopback gateway: answers that say how they ended, refuse,
// or came from another model; stop sequences that survive the settings form; images by URL with
// detail, a PDF part, a spoken answer; and no base64 text after an image answer.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { until } from '../harness/chatPanel';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const pdfText = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const modelEntry = {
  params: { stop: ['\n\n', 'STOP'], modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' } },
  capabilities: { files: true },
};
const png = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='}`;

/** 0.2 s of silence as a real WAV file: the panel must be able to load it. */
function silentWav(): string {
  const pcm = Buffer.alloc(24_000 * 2 / 5);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii'); h.writeUInt32LE(36 + pcm.length, 4); h.write('WAVE', 8, 'ascii'); h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(24_000, 24); h.writeUInt32LE(48_000, 28);
  h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34); h.write('data', 36, 'ascii'); h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]).toString('base64');
}

/** Every string the model would read as text in a request: plain contents and text parts. */
function texts(body: { messages: { content: unknown }[] }): string[] {
  return body.messages.flatMap((m) => typeof m.content === 'string' ? [m.content]
    : Array.isArray(m.content) ? m.content.filter((p) => p?.type === 'text').map((p) => String(p.text)) : []);
}

describe('answers tell the truth, and the documented inputs are reachable', function () {
  let c: Connected;
  before(async () => (c = await connect('e2e-answers', {
    settings: { 'gatewayChat.models': { 'test/test-model': modelEntry } },
    files: { 'docs/report.pdf': pdfText },
  })));
  after(async () => disconnect(c));

  const last = () => chatRequests(c.gw).at(-1)!.body;
  async function ask(prompt: string, answer: object, status = 'complete'): Promise<Locator> {
    c.gw.route('test-model', { answer });
    await c.panel.send(prompt);
    return c.panel.waitForAnswer(status);
  }

  it('a length cut says so and Continue goes on in the same answer; a content filter says so', async () => {
    const { panel, gw } = c;
    let answer = await ask('Write a long story', { content: 'Once upon a time', finishReason: 'length' });
    const reason = answer.locator('[data-testid="finish-reason"]');
    assert.equal(await reason.getAttribute('data-reason'), 'length');
    assert.match(await reason.innerText(), /token limit/);
    gw.route('test-model', { answer: { content: ' they lived happily.' } });
    const before = chatRequests(gw).length;
    await reason.locator('[data-testid="continue"]').click();
    await until('the continuation arrived', async () => chatRequests(gw).length > before
      && (await answer.locator('[data-testid="message-content"]').innerText()) === 'Once upon a time they lived happily.');
    answer = await panel.waitForAnswer('complete', 30_000, true);
    assert.equal(await panel.messages('assistant').count(), 1, 'the same answer went on');
    assert.equal(await answer.locator('[data-testid="finish-reason"]').count(), 0, 'it ended normally this time');
    assert.deepEqual(last().messages.map((m: { role: string }) => m.role), ['user', 'assistant', 'user']);

    answer = await ask('Something edgy', { content: 'Partial', finishReason: 'content_filter' });
    assert.equal(await answer.locator('[data-testid="finish-reason"]').getAttribute('data-reason'), 'content_filter');
    assert.equal(await answer.locator('[data-testid="finish-reason"] [data-testid="continue"]').count(), 0);
  });

  it('a refusal is shown as the answer, styled as one', async () => {
    const answer = await ask('Help me break in', { content: '', refusal: 'I can\u2019t help with that.' });
    const refusal = answer.locator('[data-testid="refusal"]');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /I can\u2019t help with that\./);
  });

  it('the model the relay served is shown when it differs; fingerprint, tier and usage details are in the tooltip', async () => {
    const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 3 },
      completion_tokens_details: { reasoning_tokens: 0, accepted_prediction_tokens: 2, rejected_prediction_tokens: 1 } };
    const answer = await ask('Who are you?', { content: 'A model.', model: 'gpt-4o-mini-2024-07-18', systemFingerprint: 'fp_e2e42', serviceTier: 'flex', usage });
    assert.equal(await answer.locator('[data-testid="served-model"]').innerText(), 'served by gpt-4o-mini-2024-07-18');
    const tooltip = await answer.locator('[data-testid="usage"]').getAttribute('title') ?? '';
    for (const line of ['total_tokens: 15', 'prompt_tokens_details.audio_tokens: 3', 'completion_tokens_details.rejected_prediction_tokens: 1',
      'system_fingerprint: fp_e2e42', 'service_tier: flex']) assert.ok(tooltip.includes(line), `${line} in ${tooltip}`);
    await c.wb.screenshotPanel('answers-facts');
    const same = await ask('Again?', { content: 'Same model.' });
    assert.equal(await same.locator('[data-testid="served-model"]').count(), 0, 'the asked-for model is not news');
  });

  it('stop sequences round-trip through the settings form unchanged and go out exactly', async () => {
    const { panel, wb } = c;
    const form = panel.view.locator('[data-testid="model-settings-form"]');
    await panel.view.locator('[data-testid="model-settings"]').click();
    await form.locator('h2', { hasText: 'test/test-model' }).waitFor({ timeout: 15_000 });
    assert.equal(await form.locator('[data-testid="setting-stop"]').inputValue(), '\\n\\n\nSTOP', 'escapes shown visibly');
    await form.locator('[data-testid="settings-save"]').click();
    await form.locator('[data-testid="settings-status"]', { hasText: 'Saved to your user settings.' }).waitFor({ timeout: 15_000 });
    const saved = JSON.parse(fs.readFileSync(path.join(wb.server.userDataDir, 'User', 'settings.json'), 'utf8'))['gatewayChat.models'];
    assert.deepEqual(saved['test/test-model'], modelEntry);
    await form.locator('[data-testid="settings-close"]').click();
    await ask('Stop test', { content: 'ok' });
    assert.deepEqual(last().stop, ['\n\n', 'STOP']);
  });

  it('an image by URL goes as image_url with the detail chosen on its chip, and is never loaded', async () => {
    const { panel, wb } = c;
    await panel.view.locator('[data-testid="attach-image-url"]').click();
    await wb.answerQuickInput('https://images.example.com/cats/tabby.png');
    const chip = panel.view.locator('.composer [data-testid="attachment"][data-kind="image"]');
    await chip.waitFor();
    assert.equal(await chip.locator('img').count(), 0, 'no thumbnail fetched');
    await chip.locator('[data-testid="image-detail"]').selectOption('high');
    await ask('What cat is this?', { content: 'A tabby.' });
    assert.deepEqual(last().messages.at(-1).content, [
      { type: 'text', text: 'What cat is this?' },
      { type: 'image_url', image_url: { url: 'https://images.example.com/cats/tabby.png', detail: 'high' } },
    ]);
  });

  it('a PDF goes as a file part with its name, for a model whose settings say files', async () => {
    const { panel, wb } = c;
    await panel.view.locator('[data-testid="attach-document"]').click();
    await wb.answerQuickInput(path.join(wb.server.workspace, 'docs', 'report.pdf'));
    await panel.view.locator('.composer [data-testid="attachment"][data-kind="document"]').waitFor({ timeout: 15_000 });
    await ask('Summarize the report', { content: 'It is short.' });
    assert.deepEqual(last().messages.at(-1).content, [
      { type: 'text', text: 'Summarize the report' },
      { type: 'file', file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${Buffer.from(pdfText).toString('base64')}` } },
    ]);
  });

  it('an audio answer plays in the panel with its transcript; the request asked for it', async () => {
    const data = silentWav();
    const answer = await ask('Say hello', { content: '', audio: { id: 'audio_e2e', data, transcript: 'Hello from the speaker.' } });
    assert.deepEqual([last().modalities, last().audio], [['text', 'audio'], { voice: 'alloy', format: 'wav' }]);
    const player = answer.locator('[data-testid="audio-player"]');
    await player.waitFor();
    assert.equal(await player.getAttribute('src'), `data:audio/wav;base64,${data}`);
    assert.equal(await answer.locator('[data-testid="audio-transcript"]').innerText(), 'Hello from the speaker.');
    // The CSP lets the panel load media from data: URLs: the clip's length becomes known.
    await until('the clip loaded', async () => (await player.evaluate((a: HTMLAudioElement) => a.duration)) > 0.1);
    await c.wb.screenshotPanel('answers-audio');
  });

  it('after an image answer the next turn carries the image as an image part of the next user message, no base64 text; remote images are links saved on click', async () => {
    const { gw, wb } = c;
    const answer = await ask('Draw a dot', { content: 'Here is a dot.', images: [png], imageStyle: 'markdown' });
    await answer.locator('img').first().waitFor();
    const pngBytes = Buffer.from(png.split(',')[1], 'base64');
    const remote = gw.serveFile('out/dot.png', 'image/png', pngBytes);
    const links = await ask('And one from the web?', { content: 'Hosted elsewhere.', images: [remote] });
    const link = links.locator('[data-testid="image-link"]');
    assert.equal(await link.innerText(), remote);
    assert.equal(await links.locator('img').count(), 0, 'a remote image is not loaded');
    const fetched = () => gw.requests.filter((r) => r.path === '/files/out/dot.png').length;
    assert.equal(fetched(), 0, 'nothing fetched it before the click');
    await links.locator('[data-testid="save-image-link"]').click();
    const target = path.join(wb.server.workspace, 'from-the-web.png');
    await wb.answerQuickInput(target);
    await until('the image was saved', async () => fs.existsSync(target) && fs.readFileSync(target).equals(pngBytes));
    assert.equal(fetched(), 1, 'fetched once, on the click');
    const body = chatRequests(gw).at(-1)!.body;
    for (const t of texts(body)) assert.ok(!t.includes('base64'), `no base64 in text: ${t.slice(0, 80)}`);
    // The drawn image goes back in the user message after the answer: chat completions takes images only from the user.
    const drawn = body.messages.findIndex((m: { role: string; content: unknown }) => m.role === 'assistant' && m.content === 'Here is a dot.\n\n[image 1]');
    assert.ok(drawn > 0, 'the answer is marked where its image was');
    assert.deepEqual(body.messages[drawn + 1].content.slice(0, 2), [{ type: 'text', text: 'The images of your previous answer:' }, { type: 'image_url', image_url: { url: png } }]);
    assert.ok(body.messages.every((m: { role: string; content: unknown }) => m.role !== 'assistant' || !Array.isArray(m.content)), 'no parts in an assistant message');
  });
});
