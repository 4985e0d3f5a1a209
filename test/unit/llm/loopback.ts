import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Loopback {
  /** Base URL including /v1. */
  url: string;
  /** Requests received so far. */
  hits: number;
  close(): Promise<void>;
}

/**
 * A bare node:http server on 127.0.0.1 for what the scripted test gateway cannot do (endless bodies,
 * hand-made sockets). Open sockets are destroyed on close so a test never waits for them.
 */
export async function loopback(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Loopback> {
  const sockets = new Set<Socket>();
  const state = { hits: 0 };
  const server = createServer((req, res) => {
    state.hits++;
    req.resume();
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get hits() {
      return state.hits;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `piece` for as long as the client reads (respecting back-pressure), never ending the body. */
export function writeForever(res: ServerResponse, piece: string): void {
  const chunk = Buffer.from(piece);
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}
