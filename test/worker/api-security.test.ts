// One shared security suite that every /api route runs: no secret, a wrong
// secret, a secret in the wrong scheme → 401 with a JSON error, and no secret
// ever echoed back.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const ROUTES: [string, string][] = [
  ["GET", "/api/tickets/1"],
  ["POST", "/api/tickets/1/takeover"],
  ["POST", "/api/tickets/1/release"],
  ["POST", "/api/tickets/1/resolve"],
  ["POST", "/api/tickets/1/drafts/1/approve"],
  ["POST", "/api/tickets/1/drafts/1/discard"],
  ["POST", "/api/tickets/1/autonomy"],
  ["POST", "/api/tickets/1/auto-release"],
  ["GET", "/api/attention-items?status=open"],
  ["POST", "/api/attention-items/1/resolve"],
  ["GET", "/api/kb-entries"],
  ["POST", "/api/kb-entries"],
  ["POST", "/api/kb-entries/import"],
  ["PATCH", "/api/kb-entries/1"],
  ["DELETE", "/api/kb-entries/1"],
  ["POST", "/api/kb-entries/1/approve"],
  ["POST", "/api/kb-entries/1/reject"],
  ["POST", "/api/kb-entries/1/publish"],
  ["GET", "/api/policy-entries"],
  ["POST", "/api/policy-entries"],
  ["POST", "/api/policy-entries/import"],
  ["PATCH", "/api/policy-entries/1"],
  ["DELETE", "/api/policy-entries/1"],
  ["POST", "/api/policy-entries/1/approve"],
  ["POST", "/api/policy-entries/1/reject"],
  ["GET", "/api/settings"],
  ["PATCH", "/api/settings"],
  ["GET", "/api/stats"],
];

const BAD_AUTH: [string, Record<string, string>][] = [
  ["no header", {}],
  ["wrong secret", { Authorization: "Bearer wrong-secret-123" }],
  ["basic scheme", { Authorization: `Basic ${btoa(`x:${env.APP_API_SECRET}`)}` }],
  ["prefix of the secret", { Authorization: `Bearer ${env.APP_API_SECRET.slice(0, -1)}` }],
];

describe.each(ROUTES)("%s %s", (method, path) => {
  it.each(BAD_AUTH)("401 with %s", async (_name, headers) => {
    const res = await exports.default.fetch(`http://worker${path}`, {
      method,
      headers: { ...headers, "Content-Type": "application/json" },
      body: method === "GET" ? null : JSON.stringify({ agent: { id: 1, name: "Ana" } }),
    });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
    expect(text).not.toContain(env.APP_API_SECRET);
  });
});

describe("errors", () => {
  const auth = { Authorization: `Bearer ${env.APP_API_SECRET}`, "Content-Type": "application/json" };

  it("a body that is not JSON is a 400 with an error", async () => {
    const res = await exports.default.fetch("http://worker/api/tickets/5/takeover", {
      method: "POST",
      headers: auth,
      body: "{nope",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/JSON/) });
  });

  it("a missing agent is a 400 that names the field", async () => {
    const res = await exports.default.fetch("http://worker/api/tickets/5/takeover", {
      method: "POST",
      headers: auth,
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/agent/);
  });

  it("a path id that is not decimal digits names nothing (404); an unknown route a 404", async () => {
    for (const id of ["abc", "0x10", "1e1", "+5", "1.0", "-1", "0", "9007199254740993", "%201"]) {
      const bad = await exports.default.fetch(`http://worker/api/tickets/${id}`, { headers: auth });
      expect(bad.status, id).toBe(404);
    }
    const none = await exports.default.fetch("http://worker/api/nothing", { headers: auth });
    expect(none.status).toBe(404);
  });

  it("GET /healthz answers 200 without a secret", async () => {
    expect((await exports.default.fetch("http://worker/healthz")).status).toBe(200);
  });
});
