// The node:http glue shared by the stand-ins: reads the body, calls the plain `handle` pipeline, turns a
// crash into the stand-in's own 500, writes JSON or text with its length, and listens. No API knowledge.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** A request and response as the stand-ins' plain handlers see them (no node:http types). */
export type StandinRequest = {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};
export type StandinResponse = { status: number; headers?: Record<string, string>; body: unknown };

export type StandinHttpOptions = {
  host: string;
  /** 0 picks a free port. */
  port: number;
  handle(req: StandinRequest): Promise<StandinResponse>;
  /** The answer when `handle` throws: a bug in the stand-in, not a simulated outage. */
  onCrash(error: unknown, method: string, path: string): StandinResponse;
  /** The content-type of a non-string body; a string body is `text/plain; charset=utf-8`. */
  jsonContentType: string;
};

export type StandinHttpServer = {
  origin: string;
  port: number;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
};

export async function serveStandin(options: StandinHttpOptions): Promise<StandinHttpServer> {
  const { host } = options;

  async function onRequest(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host ?? `${host}:${port}`}`);
    const method = incoming.method ?? "GET";
    const req = { method, url, headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8") };
    let response: StandinResponse;
    try {
      response = await options.handle(req);
    } catch (error) {
      response = options.onCrash(error, method, url.pathname);
    }
    if (outgoing.destroyed) return; // the client gave up (a timeout while a delay ran)
    const isText = typeof response.body === "string";
    const payload = isText ? String(response.body) : JSON.stringify(response.body);
    // setHeader matches names case-insensitively, so a handler's own Content-Type replaces the default.
    outgoing.setHeader("content-type", isText ? "text/plain; charset=utf-8" : options.jsonContentType);
    for (const [name, value] of Object.entries(response.headers ?? {})) outgoing.setHeader(name, value);
    outgoing.setHeader("content-length", Buffer.byteLength(payload));
    outgoing.writeHead(response.status);
    outgoing.end(payload);
  }

  const server = createServer((incoming, outgoing) => void onRequest(incoming, outgoing));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    origin,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
