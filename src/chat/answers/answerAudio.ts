// An answer the model spoke (`message.audio`): its bytes become a data: URL the panel's <audio> can
// play. Streamed audio comes as raw pcm16 (24 kHz, mono, little-endian, as OpenAI documents it), which
// no browser plays as is, so it gets a WAV header.
import type { AssembledAudio } from '../../llm';
import type { AudioRecord } from '../../shared/conversation';

const playable: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', flac: 'audio/flac', opus: 'audio/ogg', aac: 'audio/aac' };
const PCM_RATE = 24_000;

export function audioRecord(a: AssembledAudio, format: string | undefined): AudioRecord | undefined {
  if (!a.data && !a.transcript) return undefined;
  const f = (format ?? 'wav').toLowerCase();
  const out: AudioRecord = { transcript: a.transcript, format: f };
  if (a.id) out.id = a.id;
  if (a.expiresAt !== undefined) out.expiresAt = a.expiresAt;
  const data = a.data.replace(/\s+/g, '');
  if (!data) return out;
  if (playable[f]) out.dataUrl = `data:${playable[f]};base64,${data}`;
  else if (f === 'pcm16') out.dataUrl = `data:audio/wav;base64,${pcmToWav(Buffer.from(data, 'base64')).toString('base64')}`;
  return out;
}

/** 16-bit mono PCM with the 44-byte RIFF header in front. */
export function pcmToWav(pcm: Buffer, rate = PCM_RATE): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + pcm.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}
