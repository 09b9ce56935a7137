// A real HTTP server on 127.0.0.1 for the network tests, with the faults they need.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tunnelToSelf } from '../reliability/harness.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  url: (path: string) => string;
  hits: Map<string, number>;
  close: () => Promise<void>;
}

/**
 * With `proxy`, the server is also an HTTP proxy that tunnels every CONNECT back to itself,
 * so that requests for any host (www.infoq.cn, say) reach its routes through the real
 * HTTP_PROXY code path.
 */
export async function startServer(routes: Record<string, Handler>, host = '127.0.0.1', proxy = false): Promise<TestServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes[path];
    if (handler) handler(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>not found</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  if (proxy) tunnelToSelf(server, host, port);
  return {
    url: (path) => `http://${host}:${port}${path}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const html =
  (body: string | Buffer, headers: Record<string, string> = {}, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
