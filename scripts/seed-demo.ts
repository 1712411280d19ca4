// Seeds the Nordlys Home demo shop (demo/*.json) as it would live: KB entries and policies
// through the Worker's API, as an admin would (only into an empty installation), then tickets
// written by customers through the Zendesk stand-in, so each one takes the real path (signed
// webhook → Worker → queue → AI), and take over / resolve through the Worker's API, as the sidebar does.
import { readFileSync } from "node:fs";

export interface SeedTarget {
  worker: string;
  secret: string;
  standin: string;
}
interface Agent {
  id: number;
  name: string;
}
export type DemoRole = "answered" | "flagged" | "taken_over" | "resolved";
export interface SeededTicket {
  role: DemoRole;
  id: number;
  subject: string;
  conversation: string;
}
interface Conversation {
  id: string;
  subject: string;
  message: string;
  expected: { outcome: string };
}
interface TicketView {
  events: { type: string }[];
  attention: unknown[];
  pendingDraft: unknown;
}

/** Who writes what; the conversations are the labelled ones of demo/conversations.json. */
const DEMO_TICKETS: { role: DemoRole; conversation: string; requester: string }[] = [
  { role: "answered", conversation: "c01", requester: "Giulia Rossi" },
  { role: "answered", conversation: "c29", requester: "Lucía García" },
  { role: "flagged", conversation: "c05", requester: "Emma Wilson" },
  { role: "flagged", conversation: "c03", requester: "Daniel Harris" },
  { role: "taken_over", conversation: "c46", requester: "Sofie Jensen" },
  { role: "resolved", conversation: "c59", requester: "Mads Nielsen" },
];
const TAKEN_OVER_REPLY =
  "Hi Sofie, I caught your order before it left our warehouse and changed the delivery address " +
  "to the new one. You will get a fresh shipping confirmation within the hour. Best, Bo";

const json = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`../demo/${file}`, import.meta.url), "utf8")) as T;

async function call(t: SeedTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${t.worker}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${t.secret}`, "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function standin(t: SeedTarget, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${t.standin}/__standin${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stand-in ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** KB entries and policies, only into an empty installation. */
export async function seedDemo(t: SeedTarget): Promise<string> {
  const existing = (await call(t, "GET", "/kb-entries?limit=1")) as { total: number };
  if (existing.total > 0) return `kept the existing ${existing.total} KB entries`;
  const kb = json<unknown[]>("kb.json");
  const policies = json<unknown[]>("policies.json");
  for (const e of kb) await call(t, "POST", "/kb-entries", e);
  for (const p of policies) await call(t, "POST", "/policy-entries", p);
  return `${kb.length} KB entries and ${policies.length} policies of the Nordlys Home demo shop`;
}

/** Waits until the Worker has dealt with the customer's message: answered, flagged or held. */
async function handled(t: SeedTarget, id: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await call(t, "GET", `/tickets/${id}`)) as TicketView;
    if (view.events.some((e) => e.type.startsWith("ai_")) || view.attention.length || view.pendingDraft)
      return;
    if (Date.now() > deadline) throw new Error(`seed: the Worker did not handle ticket ${id} in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A few tickets in each state: answered by the AI, flagged, taken over by an agent, resolved. */
export async function seedDemoTickets(t: SeedTarget, agents: readonly Agent[]): Promise<SeededTicket[]> {
  const [ana, bo] = agents;
  if (!ana || !bo) throw new Error("seed: needs two agents");
  const conversations = json<Conversation[]>("conversations.json");
  const seeded: SeededTicket[] = [];
  for (const d of DEMO_TICKETS) {
    const c = conversations.find((x) => x.id === d.conversation);
    if (!c) throw new Error(`seed: no conversation ${d.conversation}`);
    const email = `${d.requester.split(" ")[0]?.toLowerCase()}@example.com`;
    const created = (await standin(t, "/tickets", {
      subject: c.subject,
      requester: { name: d.requester, email },
      comments: [{ body: c.message, author: "requester" }],
    })) as { ticket: { id: number } };
    seeded.push({ role: d.role, id: created.ticket.id, subject: c.subject, conversation: c.id });
  }
  await Promise.all(seeded.map((s) => handled(t, s.id)));
  for (const s of seeded) {
    if (s.role === "taken_over") {
      await call(t, "POST", `/tickets/${s.id}/takeover`, { agent: bo });
      await standin(t, `/tickets/${s.id}/comments`, {
        body: TAKEN_OVER_REPLY,
        public: true,
        author: { ...bo, role: "agent" },
      });
    }
    if (s.role === "resolved") await call(t, "POST", `/tickets/${s.id}/resolve`, { agent: ana });
  }
  return seeded;
}

export interface Example {
  subject: string;
  message: string;
  /** What the offline drafter does with it. */
  outcome: string;
}

const EXAMPLES: Record<string, string> = {
  c12: "the AI answers",
  c19: "the AI answers",
  c35: "the AI answers",
  c26: "the AI flags it: a person is asked for",
  c22: "the AI flags it: no approved answer",
};

/** A few customer messages to try on the "New customer ticket" page, none used by the seed. */
export function demoExamples(): Example[] {
  const conversations = json<Conversation[]>("conversations.json");
  return Object.entries(EXAMPLES).flatMap(([id, outcome]) => {
    const c = conversations.find((x) => x.id === id);
    return c ? [{ subject: c.subject, message: c.message, outcome }] : [];
  });
}

export interface DemoSeed {
  summary: string;
  tickets: SeededTicket[];
}

export async function seedLocalDemo(t: SeedTarget, agents: readonly Agent[]): Promise<DemoSeed> {
  const kb = await seedDemo(t);
  // A section in the stand-in's Guide, so "Publish to Guide" in the admin area has a place to go.
  await standin(t, "/help-center/sections", { name: "Nordlys Home help" });
  const tickets = await seedDemoTickets(t, agents);
  return { summary: `${kb}; ${tickets.length} tickets`, tickets };
}
