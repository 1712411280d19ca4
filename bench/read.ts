// Benchmark 2, the sidebar's read: GET /api/tickets/{id} of a realistic ticket (an attention item,
// a take over and a release in its timeline) against GET /healthz of the same Worker.
import { TicketViewSchema } from "../common/ticket.schema.ts";
import { alternate, type Row } from "./load.ts";
import { APP_SECRET, type Product } from "./product.ts";

export interface ReadResult {
  ticketId: number;
  connections: number;
  perKind: number;
  rounds: number;
  ticket: { state: string; attention: number; events: number; bytes: number };
  rows: Row[];
}

const ana = { id: 7001, name: "Ana Berg" };

async function until<T>(what: string, read: () => Promise<T>, ready: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (ready(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bench: ${what} did not happen within 30 s`);
}

/** A customer asks for a person (the AI raises attention); an agent takes over, then releases. */
export async function realisticTicket(p: Product): Promise<number> {
  // The Worker checks that an acting agent exists in the Zendesk account.
  const agent = await fetch(`${p.standin.origin}/__standin/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...ana, role: "agent" }),
  });
  if (!agent.ok) throw new Error(`stand-in: creating agent ${ana.name} gave ${agent.status}`);
  const id = await p.createTicket(
    "Where is my parcel?",
    "Hi, my order 10492 has not arrived after two weeks. Can I please speak to a real person about it?",
  );
  const view = async () => TicketViewSchema.parse(await p.api("GET", `/api/tickets/${id}`));
  await until("the attention item", view, (v) => v.attention.length > 0);
  await p.api("POST", `/api/tickets/${id}/takeover`, { agent: ana });
  await p.api("POST", `/api/tickets/${id}/release`, { agent: ana });
  // Let the queue settle (the release may make the AI look again) before measuring.
  let last = "";
  await until("a quiet ticket", view, (v) => {
    const now = JSON.stringify(v);
    const quiet = now === last && v.state === "open";
    last = now;
    return quiet;
  });
  return id;
}

export async function benchRead(
  p: Product,
  ticketId: number,
  opts: { connections: number; perRound: number; rounds: number; warmup: number },
): Promise<ReadResult> {
  const res = await fetch(`${p.worker.origin}/api/tickets/${ticketId}`, {
    headers: { authorization: `Bearer ${APP_SECRET}` },
  });
  const text = await res.text();
  const view = TicketViewSchema.parse(JSON.parse(text));
  const read = {
    method: "GET",
    path: `/api/tickets/${ticketId}`,
    headers: { authorization: `Bearer ${APP_SECRET}` },
  };
  const rows = await alternate(
    [
      { name: "`GET /healthz`", origin: p.worker.origin, build: () => ({ method: "GET", path: "/healthz" }) },
      { name: "`GET /api/tickets/{id}`", origin: p.worker.origin, build: () => read },
    ],
    opts,
  );
  return {
    ticketId,
    connections: opts.connections,
    perKind: opts.perRound * opts.rounds,
    rounds: opts.rounds,
    ticket: {
      state: view.state,
      attention: view.attention.length,
      events: view.events.length,
      bytes: Buffer.byteLength(text),
    },
    rows,
  };
}
