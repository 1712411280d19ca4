// Bearer auth for the sidebar and admin API: the installation's APP_API_SECRET,
// sent by Zendesk's proxy from a secure setting. Compared in constant time.
import { createMiddleware } from "hono/factory";
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
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const secret = c.get("services").config.appApiSecret;
  if (!match?.[1] || !(await safeEqual(match[1], secret))) {
    return c.json({ error: "Missing or wrong API secret" }, 401);
  }
  await next();
});
