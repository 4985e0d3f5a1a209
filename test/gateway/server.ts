import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { renderChunks, renderCompletion } from './chunks';
import { DEMO_SCENARIOS, demoModels, echoScenario } from './demo-scenarios';
import { delayOf, planSse, writePlan } from './sse-writer';
import type { BalanceSpec, FieldRefusal, RecordedRequest, Scenario, TestGateway } from './types';
import { anthropicMessage, anthropicSse, endsWithToolResult, formatOfPath, ONLY_RESPONSES, responsesSse, responsesWhole, type WireFormatName } from './wireFormats';

// A loopback OpenAI-compatible gateway that answers from scripts and records every request.
// Control endpoints under /__gateway/ let a test in another process script it over HTTP.

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** When set, requests whose Bearer token differs get a 401 JSON error. */
  apiKey?: string;
  /** Serve HTTPS with this certificate (PEM) and key. */
  tls?: { cert: string; key: string };
}

export async function startGateway(opts: GatewayOptions = {}): Promise<TestGateway> {
  const queue: Scenario[] = [];
  const modelsQueue: Scenario[] = [];
  const routes = new Map<string, Scenario>();
  const routeCounters = new Map<string, number>();
  let models: object[] = demoModels();
  const requests: RecordedRequest[] = [];
  let balance: BalanceSpec | null = null;
  // Static files under /files/ (images an answer links to), served without a key like a CDN would.
  const files = new Map<string, { type: string; body: Buffer }>();
  const timers = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();
  let closed = false;

  // Pauses end early when the gateway closes so nothing outlives close().
  function sleep(ms: number): Promise<void> {
    if (closed) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => { timers.delete(entry); resolve(); }, ms), resolve };
      timers.add(entry);
    });
  }

  function pushScenario(target: Scenario[], s: Scenario): void {
    if (s.sequence) target.push(...s.sequence);
    else target.push(s);
  }

  function pick(body: any): Scenario {
    const model = typeof body?.model === 'string' ? body.model : '';
    let s = queue.shift();
    if (!s) {
      const routed = routes.get(model) ?? (DEMO_SCENARIOS[model] ? DEMO_SCENARIOS[model](body) : undefined);
      if (routed?.sequence?.length) {
        const count = routeCounters.get(model) ?? 0;
        routeCounters.set(model, count + 1);
        s = routed.sequence[count % routed.sequence.length];
      } else s = routed;
    }
    s ??= echoScenario(body);
    if (s.afterToolResult && endsWithToolResult(body)) return s.afterToolResult;
    return s;
  }

  async function serve(res: ServerResponse, s: Scenario, body: any, format: WireFormatName = 'chat'): Promise<void> {
    if (s.hang) return;
    if (s.delayMs) await sleep(s.delayMs);
    if (res.destroyed) return;
    if (s.reset) {
      res.socket?.destroy();
      return;
    }
    const headers: Record<string, string> = { ...(s.headers ?? {}) };
    const send = (status: number, type: string, payload: string): void => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(payload);
    };
    const refusal = s.rejectFields?.find((r) => body && typeof body === 'object' && Object.hasOwn(body, r.field));
    if (refusal) return send(refusal.status ?? 400, 'application/json', JSON.stringify(refusal.json ?? { error: refusalError(refusal) }));
    const size = s.contextLimit ? JSON.stringify(body ?? '').length : 0;
    if (s.contextLimit && size > s.contextLimit.chars) return send(400, 'application/json', JSON.stringify({ error: overflowError(s.contextLimit, size) }));
    if (s.formats && !s.formats.includes(format)) {
      return send(400, 'application/json', JSON.stringify({ error: { message: ONLY_RESPONSES, type: 'invalid_request_error', param: 'model', code: null } }));
    }
    if (s.error) return send(s.status ?? 400, 'application/json', JSON.stringify({ error: { type: null, param: null, code: null, ...s.error } }));
    if (s.html !== undefined) return send(s.status ?? 200, 'text/html; charset=utf-8', s.html);
    if (s.text !== undefined) return send(s.status ?? 200, 'text/plain; charset=utf-8', s.text);
    if (s.json !== undefined) return send(s.status ?? 200, 'application/json', JSON.stringify(s.json));
    const ctx = { model: typeof body?.model === 'string' ? body.model : 'test-model', includeUsage: body?.stream_options?.include_usage === true };
    if (format !== 'chat' && s.answer && s.sse === undefined) {
      const pieces = s.stream?.pieces;
      if (body?.stream !== true) return send(s.status ?? 200, 'application/json', JSON.stringify(format === 'anthropic' ? anthropicMessage(s.answer, ctx.model) : responsesWhole(s.answer, ctx.model)));
      const text = format === 'anthropic' ? anthropicSse(s.answer, ctx.model, pieces) : responsesSse(s.answer, ctx.model, pieces);
      const plan = planSse(text, s.stream);
      res.writeHead(s.status ?? 200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
      res.flushHeaders();
      await writePlan(res, plan, delayOf(s.stream), sleep);
      return;
    }
    if (s.sse !== undefined || (s.answer && body?.stream === true)) {
      const plan = planSse(s.sse ?? renderChunks(s.answer!, ctx, s.stream), s.stream);
      res.writeHead(s.status ?? 200, { 'content-type': s.stream?.contentType ?? 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
      res.flushHeaders();
      await writePlan(res, plan, delayOf(s.stream), sleep);
      return;
    }
    if (s.answer) return send(s.status ?? 200, 'application/json', JSON.stringify(renderCompletion(s.answer, ctx)));
    return send(s.status ?? 204, 'text/plain', '');
  }

  async function control(path: string, body: any, res: ServerResponse): Promise<void> {
    const ok = (value: unknown = { ok: true }): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    switch (path) {
      case '/__gateway/enqueue':
        gateway.enqueue(body.scenario ?? body, body.target);
        return ok();
      case '/__gateway/route':
        gateway.route(body.model, body.scenario);
        return ok();
      case '/__gateway/models':
        gateway.setModels(body.data ?? body);
        return ok();
      case '/__gateway/balance':
        gateway.setBalance(body && typeof body === 'object' && Object.keys(body).length ? body : null);
        return ok();
      case '/__gateway/reset':
        gateway.reset();
        return ok();
      case '/__gateway/requests':
        return ok(requests);
      default:
        res.writeHead(404).end();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = raw;
    try {
      body = raw === '' ? '' : JSON.parse(raw);
    } catch {
      body = raw;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/__gateway/')) return control(path, body, res);
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers }, body });
    const file = req.method === 'GET' ? files.get(path) : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.length) });
      res.end(file.body);
      return;
    }
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }));
      return;
    }
    if (req.method === 'GET' && path.endsWith('/models')) {
      const s = modelsQueue.shift();
      if (s) return serve(res, s, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: models }));
      return;
    }
    if (req.method === 'POST' && /\/(chat\/completions|responses|messages)$/.test(path)) return serve(res, pick(body), body, formatOfPath(path));
    if (req.method === 'GET' && balance && path === '/v1/dashboard/billing/subscription' && balance.limitUsd !== undefined) {
      return sendJson(res, { object: 'billing_subscription', has_payment_method: true, soft_limit_usd: balance.limitUsd, hard_limit_usd: balance.limitUsd, system_hard_limit_usd: balance.limitUsd, access_until: 0 });
    }
    if (req.method === 'GET' && balance && path === '/v1/dashboard/billing/usage' && balance.usedUsd !== undefined) {
      return sendJson(res, { object: 'list', total_usage: Math.round(balance.usedUsd * 100 * 1000) / 1000 });
    }
    if (req.method === 'GET' && balance?.token && path === '/api/usage/token') {
      return sendJson(res, { code: true, message: 'ok', data: { object: 'token_usage', name: 'test', expires_at: 0, model_limits_enabled: false, unlimited_quota: false, ...balance.token } });
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `Unknown path ${path}`, type: 'invalid_request_error', code: 'not_found' } }));
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  };
  const server = opts.tls ? createTlsServer(opts.tls, onRequest) : createServer(onRequest);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${opts.tls ? 'https' : 'http'}://${opts.host ?? '127.0.0.1'}:${port}`;

  const gateway: TestGateway = {
    url: `${origin}/v1`,
    origin,
    requests,
    get connections() {
      return connections;
    },
    enqueue(s, target = 'chat') {
      pushScenario(target === 'models' ? modelsQueue : queue, s);
    },
    route(model, s) {
      routes.set(model, s);
      routeCounters.delete(model);
    },
    setModels(list) {
      models = list;
    },
    setBalance(b) {
      balance = b;
    },
    serveFile(name, type, body) {
      files.set(`/files/${name}`, { type, body });
      return `${origin}/files/${name}`;
    },
    reset() {
      queue.length = 0;
      modelsQueue.length = 0;
      routes.clear();
      routeCounters.clear();
      requests.length = 0;
      files.clear();
      models = demoModels();
      balance = null;
    },
    async close() {
      closed = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.resolve();
      }
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return gateway;
}

function refusalError(r: FieldRefusal): object {
  return {
    message: `Unsupported parameter: '${r.field}' is not supported with this model.`,
    type: 'invalid_request_error',
    param: r.field,
    code: 'unsupported_parameter',
    ...r.error,
  };
}

/** OpenAI's words for a prompt over the window (the tokens estimated at 4 characters each). */
function overflowError(limit: NonNullable<Scenario['contextLimit']>, size: number) {
  const window = limit.window ?? Math.floor(limit.chars / 4);
  return {
    message: `This model's maximum context length is ${window} tokens. However, your messages resulted in ${Math.ceil(size / 4)} tokens. Please reduce the length of the messages.`,
    type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded', ...limit.error,
  };
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
