import type { Dispatcher } from 'undici';
import { readBalance } from './balance';
import type { AnswerDecoder } from './decoder';
import { endpointSecrets } from './credentials';
import { maskEchoedSecrets, maskResponse } from './echoMask';
import { errorFromHttp, errorFromNetwork, GatewayError, MAX_MESSAGE_BYTES, redact, tooLargeError } from './errors';
import { createDispatcher } from './dispatcher';
import { Attempt, headerValue, readText, send, type SendInit } from './http';
import { normalizeModels } from './models';
import { backoffMs, MAX_RETRY_WAIT_MS, retryAfterFromHeaders, shouldRetryResponse, sleep } from './retry';
import { SseReader } from './sse';
import { Tracer } from './trace';
import type { AssembledResponse, CallOptions, ChatEvent, ChatRequest, EndpointConfig, GatewayClient, ModelInfo } from './types';
import { wireFormat, type WireFormat } from './wireFormat';
import { resolveUrls } from '../shared/gatewayUrl';
import { version } from '../../package.json';

/** Who is calling, for the relay's logs; never an SDK's `X-Stainless-*` headers, which some relay firewalls reject. */
export const USER_AGENT = `gateway-chat/${version}`;

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_IDLE_MS = 120_000;
const MAX_ERROR_BODY = 1 << 20;

interface Opened {
  res: Dispatcher.ResponseData;
  attempt: Attempt;
}

type RetryEvent = Extract<ChatEvent, { type: 'retry' }>;

export function createClient(endpoint: EndpointConfig): GatewayClient {
  const urls = resolveUrls(endpoint.baseUrl);
  // Made on the first request: it may read a CA file, and a failed read is tried again next time.
  let dispatcher: Promise<Dispatcher> | undefined;
  const dispatcherFor = (url: string): Promise<Dispatcher> => {
    dispatcher ??= createDispatcher(endpoint, url).catch((e: unknown) => {
      dispatcher = undefined;
      throw e;
    });
    return dispatcher;
  };
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idleMs = endpoint.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  const maxRetries = Math.max(0, endpoint.maxRetries ?? 2);
  const retryBaseMs = endpoint.retryBaseMs ?? 500;

  const secrets = endpointSecrets(endpoint);
  const baseHeaders: Record<string, string> = { 'user-agent': USER_AGENT };
  for (const [k, v] of Object.entries(endpoint.headers ?? {})) baseHeaders[k.toLowerCase()] = v;
  if (endpoint.apiKey) baseHeaders.authorization = `Bearer ${endpoint.apiKey}`;

  function headersFor(accept: string, withBody: boolean, options: CallOptions = {}): Record<string, string> {
    const h: Record<string, string> = { accept, ...baseHeaders };
    if (withBody) h['content-type'] = 'application/json';
    // The relay routes one conversation to one upstream (and its prompt cache) by this header.
    if (endpoint.sessionHeader && options.sessionId) h[endpoint.sessionHeader.toLowerCase()] = options.sessionId;
    return h;
  }

  function classify(err: unknown, attempt: Attempt, url: string): { error: GatewayError; retryable: boolean } {
    if (attempt.cause === 'user') return { error: aborted(url), retryable: false };
    if (attempt.cause === 'timeout') {
      return { error: new GatewayError('timeout', `No response from the gateway within ${seconds(timeoutMs)}`, url), retryable: false };
    }
    if (attempt.cause === 'idle') {
      return { error: new GatewayError('timeout', `The gateway sent nothing for ${seconds(idleMs)}`, url), retryable: false };
    }
    if (err instanceof GatewayError) return { error: err, retryable: false };
    // A proxy's refusal is an AbortError too (undici's RequestAbortedError), though nothing aborted.
    if ((err as Error)?.name === 'AbortError' && attempt.controller.signal.aborted) return { error: aborted(url), retryable: false };
    return errorFromNetwork(err, url, secrets);
  }

  /** Sends with retries; yields a `retry` event before each wait. Returns a 2xx response. */
  async function* open(url: string, init: SendInit, options: CallOptions, tracer: Tracer): AsyncGenerator<RetryEvent, Opened> {
    const signal = options.signal;
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw aborted(url);
      const attempt = new Attempt(signal);
      let error: GatewayError;
      let retryable: boolean;
      let waitMs: number | undefined;
      try {
        tracer.request(url, init);
        const res = await send(await dispatcherFor(url), url, init, attempt, timeoutMs);
        tracer.response(res.statusCode, res.headers);
        if (res.statusCode >= 200 && res.statusCode < 300) return { res, attempt };
        attempt.startIdle(idleMs);
        const text = await readText(res.body, attempt, MAX_ERROR_BODY);
        tracer.text(text);
        attempt.dispose();
        waitMs = retryAfterFromHeaders(res.headers);
        error = errorFromHttp({
          status: res.statusCode,
          contentType: headerValue(res.headers, 'content-type'),
          body: text,
          url,
          secrets,
          retryAfterMs: waitMs,
        });
        retryable = shouldRetryResponse(res.statusCode, res.headers);
      } catch (err) {
        attempt.dispose();
        ({ error, retryable } = classify(err, attempt, url));
      }
      tracer.end(error);
      if (!retryable || retry >= maxRetries) throw error;
      const wait = waitMs ?? backoffMs(retry, retryBaseMs);
      if (wait > MAX_RETRY_WAIT_MS) throw error;
      const info = { attempt: retry + 1, waitMs: wait, error };
      options.onRetry?.(info);
      yield { type: 'retry', ...info };
      try {
        await sleep(wait, signal);
      } catch {
        throw aborted(url);
      }
    }
  }

  async function openQuietly(url: string, init: SendInit, options: CallOptions, tracer: Tracer): Promise<Opened> {
    const it = open(url, init, options, tracer);
    for (;;) {
      const r = await it.next();
      if (r.done) return r.value;
    }
  }

  function fail(err: unknown, attempt: Attempt, url: string, answer: AnswerDecoder, midBody: boolean): GatewayError {
    const { error } = classify(err, attempt, url);
    if (answer.received && error.partial === undefined) error.partial = answer.snapshot();
    if (midBody && (error.kind === 'network' || error.kind === 'protocol')) error.interrupted = true;
    return error;
  }

  function post(format: WireFormat, accept: string, body: Record<string, unknown>, options: CallOptions): SendInit {
    return { method: 'POST', headers: { ...headersFor(accept, true, options), ...format.headers(endpoint.apiKey) }, body: JSON.stringify(body) };
  }

  function stream(request: ChatRequest, options: CallOptions = {}): AsyncGenerator<ChatEvent> {
    return maskEchoedSecrets(streamRaw(request, options), secrets);
  }

  async function* streamRaw(request: ChatRequest, options: CallOptions): AsyncGenerator<ChatEvent> {
    const format = wireFormat(options.api);
    const url = format.url(urls);
    const init = post(format, 'text/event-stream', format.body(request, 'stream', options.omit), options);
    for (let round = 0; ; round++) {
      const seen = { shown: false };
      try {
        yield* streamOnce(format, url, init, options, seen);
        return;
      } catch (err) {
        // Anthropic reports overload inside a 200 stream too; before anything was shown it is retried like a 529.
        const e = err as GatewayError;
        if (seen.shown || !isOverloaded(e) || round >= maxRetries || options.signal?.aborted) throw e;
        const wait = backoffMs(round, retryBaseMs);
        const info = { attempt: round + 1, waitMs: wait, error: e };
        options.onRetry?.(info);
        yield { type: 'retry', ...info };
        try {
          await sleep(wait, options.signal);
        } catch {
          throw aborted(url);
        }
      }
    }
  }

  async function* streamOnce(format: WireFormat, url: string, init: SendInit, options: CallOptions, seen: { shown: boolean }): AsyncGenerator<ChatEvent> {
    const tracer = new Tracer(options.trace, secrets);
    const { res, attempt } = yield* open(url, init, options, tracer);
    const answer = format.decoder({ url, secrets });
    const out: ChatEvent[] = [];
    const body = res.body;
    let midBody = false;
    let failure: GatewayError | undefined;
    const flush = function* (): Generator<ChatEvent> {
      for (let i = 0; i < out.length; i++) {
        if (out[i].type !== 'usage') seen.shown = true;
        yield out[i];
      }
      out.length = 0;
    };
    try {
      attempt.startIdle(idleMs);
      if (!isEventStream(res.headers)) {
        // Some gateways ignore `stream: true` and answer with one JSON document.
        const text = await readText(body, attempt, MAX_MESSAGE_BYTES, () => tooLargeError('The answer', url));
        tracer.text(text);
        applyWhole(text, url, answer, out);
      } else {
        const reader = new SseReader(answer, out, () => attempt.progress(), url, secrets);
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          midBody = true;
          tracer.bytes(chunk);
          reader.feed(chunk);
          if (out.length > 0) yield* flush();
          if (reader.error) throw reader.error;
          if (reader.done) break;
        }
        reader.end();
        yield* flush();
        if (reader.error) throw reader.error;
        if (!reader.done && !answer.allFinished()) throw interrupted(url);
      }
      const response = answer.finish(out);
      yield* flush();
      attempt.dispose();
      yield { type: 'done', response };
    } catch (err) {
      throw (failure = fail(err, attempt, url, answer, midBody));
    } finally {
      attempt.dispose();
      if (!body.destroyed) body.destroy();
      tracer.end(failure);
    }
  }

  async function complete(request: ChatRequest, options: CallOptions = {}): Promise<AssembledResponse> {
    const format = wireFormat(options.api);
    const url = format.url(urls);
    const init = post(format, 'application/json', format.body(request, 'complete', options.omit), options);
    const tracer = new Tracer(options.trace, secrets);
    const { res, attempt } = await openQuietly(url, init, options, tracer);
    const answer = format.decoder({ url, secrets });
    const out: ChatEvent[] = [];
    let midBody = false;
    let failure: GatewayError | undefined;
    try {
      attempt.startIdle(idleMs);
      if (isEventStream(res.headers)) {
        // And some answer SSE to a non-streaming request.
        const reader = new SseReader(answer, out, () => attempt.progress(), url, secrets);
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          midBody = true;
          tracer.bytes(chunk);
          reader.feed(chunk);
          out.length = 0;
          if (reader.error) throw reader.error;
          if (reader.done) break;
        }
        reader.end();
        if (reader.error) throw reader.error;
        if (!reader.done && !answer.allFinished()) throw interrupted(url);
      } else {
        const text = await readText(res.body, attempt, MAX_MESSAGE_BYTES, () => tooLargeError('The answer', url));
        tracer.text(text);
        applyWhole(text, url, answer, out);
      }
      return maskResponse(answer.finish(), secrets);
    } catch (err) {
      failure = fail(err, attempt, url, answer, midBody);
      if (failure.partial) failure.partial = maskResponse(failure.partial, secrets);
      throw failure;
    } finally {
      attempt.dispose();
      if (!res.body.destroyed) res.body.destroy();
      tracer.end(failure);
    }
  }

  function applyWhole(text: string, url: string, answer: AnswerDecoder, out: ChatEvent[]): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GatewayError('protocol', `The gateway's answer is not JSON: ${redact(text, secrets).slice(0, 120).replace(/\s+/g, ' ')}`, url);
    }
    if (!json || typeof json !== 'object') throw new GatewayError('protocol', "The gateway's answer is not a chat completion", url);
    answer.whole(json as Record<string, unknown>, out, text);
  }

  async function listModels(options: CallOptions = {}): Promise<ModelInfo[]> {
    const url = urls.models;
    const tracer = new Tracer(options.trace, secrets);
    const { res, attempt } = await openQuietly(url, { method: 'GET', headers: headersFor('application/json', false) }, options, tracer);
    let failure: GatewayError | undefined;
    try {
      attempt.startIdle(idleMs);
      const text = await readText(res.body, attempt, MAX_MESSAGE_BYTES, () => tooLargeError('The model list', url));
      tracer.text(text);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new GatewayError('protocol', 'The model list is not JSON', url);
      }
      const models = normalizeModels(json);
      if (!models) throw new GatewayError('protocol', 'The model list has an unexpected shape', url);
      return models;
    } catch (err) {
      throw (failure = classify(err, attempt, url).error);
    } finally {
      attempt.dispose();
      if (!res.body.destroyed) res.body.destroy();
      tracer.end(failure);
    }
  }

  /** One GET at the gateway's origin, no retries: JSON on a 2xx, otherwise undefined (a relay without the endpoint is normal). */
  async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    const url = new URL(urls.base).origin + path;
    const attempt = new Attempt(signal);
    try {
      const res = await send(await dispatcherFor(url), url, { method: 'GET', headers: headersFor('application/json', false) }, attempt, Math.min(timeoutMs || 15_000, 15_000));
      attempt.startIdle(Math.min(idleMs || 15_000, 15_000));
      const ok = res.statusCode >= 200 && res.statusCode < 300 && (headerValue(res.headers, 'content-type') ?? '').includes('json');
      if (!ok) {
        await res.body.dump().catch(() => undefined);
        return undefined;
      }
      return JSON.parse(await readText(res.body, attempt, 1 << 20));
    } catch {
      return undefined;
    } finally {
      attempt.dispose();
    }
  }

  return {
    urls,
    listModels,
    balance: (options = {}) => readBalance((path) => getJson(path, options.signal)).catch(() => undefined),
    stream,
    complete,
    close: async () => {
      const d = await dispatcher?.catch(() => undefined);
      await d?.close();
    },
  };
}

function isEventStream(headers: Dispatcher.ResponseData['headers']): boolean {
  const ct = headerValue(headers, 'content-type') ?? '';
  return ct === '' || ct.includes('event-stream') || !ct.includes('json');
}

function isOverloaded(e: GatewayError): boolean {
  return e instanceof GatewayError && (e.type === 'overloaded_error' || e.code === 'overloaded_error');
}

function aborted(url: string): GatewayError {
  return new GatewayError('aborted', 'The request was cancelled', url);
}

function interrupted(url: string): GatewayError {
  return new GatewayError('protocol', 'The stream ended before the answer was complete', url, { interrupted: true });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
