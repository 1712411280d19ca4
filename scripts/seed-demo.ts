// Seeds the demo shop (demo/*.json) through the Worker's own API, as an admin
// would: KB entries and policies, only into an empty installation.
import { readFileSync } from "node:fs";

interface SeedTarget {
  worker: string;
  secret: string;
  standin: string;
}

async function call(t: SeedTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${t.worker}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${t.secret}`, "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const json = (file: string): unknown[] =>
  JSON.parse(readFileSync(new URL(`../demo/${file}`, import.meta.url), "utf8"));

export async function seedDemo(t: SeedTarget): Promise<string> {
  const existing = (await call(t, "GET", "/kb-entries?limit=1")) as { total: number };
  if (existing.total > 0) return `kept the existing ${existing.total} KB entries`;
  const kb = json("kb.json");
  const policies = json("policies.json");
  for (const e of kb) await call(t, "POST", "/kb-entries", e);
  for (const p of policies) await call(t, "POST", "/policy-entries", p);
  return `${kb.length} KB entries and ${policies.length} policies of the Nordlys Home demo shop`;
}
