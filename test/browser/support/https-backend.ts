// A scripted backend for the ZAF host's browser tests, served as the Worker is locally: over https
// at `https://localhost:{port}` with a certificate made for the run, so Zendesk's proxy (which sends
// secure settings only over https to the manifest's `domainWhitelist`) puts the api_secret in.
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalCertificate, LOCAL_WORKER_HOST } from "../../../standin/workspace/local-tls.ts";

export interface HttpsBackend {
  origin: string;
  /** Its certificate (PEM), for the ZAF host's `trust`. */
  cert: string;
  close(): Promise<void>;
}

export async function startHttpsBackend(
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<HttpsBackend> {
  const tls = createLocalCertificate();
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => void handle(req, res));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `https://${LOCAL_WORKER_HOST}:${(server.address() as AddressInfo).port}`,
    cert: tls.cert,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
