import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("answers healthz and has the schema", async () => {
  const res = await exports.default.fetch("http://w/healthz");
  expect(res.status).toBe(200);
  const row = await env.DB.prepare("SELECT count(*) AS n FROM tickets").first<{ n: number }>();
  expect(row?.n).toBe(0);
});
