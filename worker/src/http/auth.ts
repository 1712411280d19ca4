// Bearer auth for the sidebar and admin API. The secret says which installation
// is calling: the default installation's APP_API_SECRET, or the API secret the
// Worker gave a connected installation (found by its SHA-256). Everything the
// route does next is scoped to that installation's services.
import { createMiddleware } from "hono/factory";
import { sha256Hex } from "../installations/crypto";
import { DEFAULT_INSTALLATION } from "../lib/scope";
import type { AppEnv } from "./app";

const encoder = new TextEncoder();

async function digest(s: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(s)));
}

/** Equal-length digests compared without early exit. */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export const requireApiSecret = createMiddleware<AppEnv>(async (c, next) => {
  const app = c.get("app");
  const match = /^Bearer\s+(\S+)$/i.exec((c.req.header("Authorization") ?? "").trim());
  const secret = match?.[1];
  const refused = () => c.json({ error: "Missing or wrong API secret" }, 401);
  if (!secret) return refused();
  const configured = app.config.appApiSecret;
  let services = null;
  if (configured !== null && (await safeEqual(secret, configured))) {
    services = await app.forInstallation(DEFAULT_INSTALLATION);
  } else {
    // A hash lookup: the secret itself is never stored, and the hash reveals nothing by its timing.
    const found = await app.installations.byApiSecretHash(await sha256Hex(secret));
    if (found) services = app.servicesFor(found);
  }
  if (!services) return refused();
  c.set("services", services);
  await next();
});
