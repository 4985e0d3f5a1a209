// A loopback CONNECT proxy that records what was addressed to it and every byte it carried.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface ConnectProxy {
  url: string;
  /** The request heads addressed to the proxy (`CONNECT host:port HTTP/1.1 ...`). */
  heads: string[];
  /** Every byte that went through its tunnels, client to gateway. */
  carried(): Buffer;
  /** Answer CONNECT with this status instead of opening the tunnel (e.g. 407). */
  refuseWith?: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const heads: string[] = [];
  let carried: Buffer[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const proxy: ConnectProxy = {
    url: '',
    heads,
    carried: () => Buffer.concat(carried),
    reset() {
      heads.length = 0;
      carried = [];
      proxy.refuseWith = undefined;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
  const server: Server = createServer((client) => {
    track(client);
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const head = buf.subarray(0, end).toString('latin1');
      heads.push(head);
      const [method, target] = head.split(' ');
      if (method !== 'CONNECT') {
        client.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      if (proxy.refuseWith) {
        client.end(`HTTP/1.1 ${proxy.refuseWith} Refused\r\ncontent-length: 0\r\n\r\n`);
        return;
      }
      const [host, port] = target.split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = buf.subarray(end + 4);
        if (rest.length) {
          carried.push(rest);
          upstream.write(rest);
        }
        client.on('data', (chunk: Buffer) => carried.push(chunk));
        client.pipe(upstream).pipe(client);
      });
      track(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return proxy;
}
