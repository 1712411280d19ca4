// Benchmark 1, webhook intake: POST /webhooks/zendesk with valid signed comment_added bodies
// (unique event and comment ids) against GET /healthz of the same Worker and an empty Worker.
import { commentAddedEvent, webhookHeaders } from "../standin/zendesk/webhooks.ts";
import type { Cleanup } from "./cleanup.ts";
import { alternate, type Req, type Row } from "./load.ts";
import { ACCOUNT_ID, AI_AGENT_ID, type Product, WEBHOOK_SECRET, workerVars } from "./product.ts";
import { bindingsWorkerConfig, emptyWorkerConfig, productConfig, startWrangler } from "./wrangler.ts";

export interface LoadOptions {
  connections: number;
  perRound: number;
  rounds: number;
  warmup: number;
}

export interface IntakeTable {
  connections: number;
  perKind: number;
  rounds: number;
  rows: Row[];
}

const HEALTHZ: Req = { method: "GET", path: "/healthz" };
const WEBHOOK = "`POST /webhooks/zendesk`";
const table = (opts: LoadOptions, rows: IntakeTable["rows"]): IntakeTable => ({
  connections: opts.connections,
  perKind: opts.perRound * opts.rounds,
  rounds: opts.rounds,
  rows,
});

/** Signed before the timed run (the Worker accepts timestamps up to 5 minutes old). */
async function signedBodies(
  ticketIds: number[],
  count: number,
  prefix: string,
  author: { id: number; name: string; is_staff: boolean },
): Promise<Req[]> {
  const now = new Date().toISOString();
  const out: Req[] = [];
  for (let i = 0; i < count; i++) {
    const id = ticketIds[i % ticketIds.length] ?? 1;
    const body = commentAddedEvent({
      accountId: ACCOUNT_ID,
      eventId: `${prefix}-${i}`,
      ticket: {
        id,
        subject: "Where is my order?",
        status: "open",
        requester_id: 5001,
        assignee_id: null,
        tags: [],
        created_at: now,
        updated_at: now,
      },
      comment: {
        id: (prefix === "route" ? 70_000_000 : 80_000_000) + i,
        body: `Hello, I ordered a sofa two weeks ago (order ${10_000 + i}). When will it be delivered?`,
        public: true,
      },
      author,
    });
    const rawBody = JSON.stringify(body);
    const headers = await webhookHeaders({ secret: WEBHOOK_SECRET, rawBody, accountId: ACCOUNT_ID });
    headers["Content-Length"] = String(Buffer.byteLength(rawBody));
    out.push({ method: "POST", path: "/webhooks/zendesk", headers, body: rawBody });
  }
  return out;
}

/**
 * The route alone: the product's Worker without its queue consumer (as in production, where the
 * consumer runs in its own invocations), against its /healthz and an empty Worker.
 */
export async function benchIntake(opts: LoadOptions, cleanup: Cleanup): Promise<IntakeTable> {
  const route = await startWrangler({
    config: productConfig({ consumer: false }),
    vars: workerVars("http://127.0.0.1:9"),
    migrate: true,
    readyPath: "/healthz",
  });
  const stopRoute = cleanup.add(route.stop);
  try {
    const empty = await startWrangler({ config: emptyWorkerConfig(), readyPath: "/" });
    const stopEmpty = cleanup.add(empty.stop);
    // The ablation is an explanation, not a figure with a goal: without it the run goes on.
    const bindings = await startWrangler({
      config: bindingsWorkerConfig(),
      migrate: true,
      readyPath: "/",
    }).catch((error: unknown) => {
      console.error(`bench: the ablation Worker did not start, its rows are left out: ${error}`);
      return undefined;
    });
    const stopBindings = bindings ? cleanup.add(bindings.stop) : async () => undefined;
    const ablation = (name: string, path: string) =>
      bindings
        ? [{ name, origin: bindings.origin, okStatus: 202, build: () => ({ method: "POST", path }) }]
        : [];
    const customer = { id: 5001, name: "Kari Nordmann", is_staff: false };
    const ids = Array.from({ length: 20 }, (_, i) => 1_000_001 + i);
    const bodies = await signedBodies(ids, opts.warmup + opts.perRound * opts.rounds, "route", customer);
    const rows = await alternate(
      [
        { name: "empty Worker `GET /`", origin: empty.origin, build: () => ({ method: "GET", path: "/" }) },
        { name: "`GET /healthz` (same Worker)", origin: route.origin, build: () => HEALTHZ },
        {
          name: `${WEBHOOK} (signed comment_added)`,
          origin: route.origin,
          okStatus: 202,
          build: (i) => bodies[i] ?? HEALTHZ,
        },
        ...ablation(
          "ablation: the queue send alone, the route's one binding call (`bench/fixtures/bindings.worker.ts`)",
          "/queue",
        ),
        ...ablation("ablation: a D1 insert and the queue send (the route before decision 009)", "/both"),
      ],
      opts,
    );
    await stopBindings();
    await stopEmpty();
    return table(opts, rows);
  } finally {
    await stopRoute();
  }
}

/**
 * The same route in the whole product under `wrangler dev`, its queue consumer running in the
 * same workerd process on the same D1 file. The comments are by the AI's own Zendesk user on
 * existing tickets, so the consumer only records them (no drafting) while the route is measured.
 */
export async function benchIntakeWithConsumer(p: Product, opts: LoadOptions): Promise<IntakeTable> {
  const ids = [...p.standin.store.tickets.keys()].slice(0, 20);
  const ai = { id: AI_AGENT_ID, name: "oHallo AI", is_staff: true };
  const bodies = await signedBodies(ids, opts.warmup + opts.perRound * opts.rounds, "consumer", ai);
  const rows = await alternate(
    [
      { name: "`GET /healthz`", origin: p.worker.origin, build: () => HEALTHZ },
      {
        name: `${WEBHOOK}, consumer running`,
        origin: p.worker.origin,
        okStatus: 202,
        build: (i) => bodies[i] ?? HEALTHZ,
      },
    ],
    opts,
  );
  return table(opts, rows);
}
