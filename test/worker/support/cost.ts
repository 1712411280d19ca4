// What one helpdesk event costs the Worker: D1 round trips (a batch is one), statements and
// writes, and Zendesk calls (the stand-in's request log). The Worker runs on an `env` whose D1
// counts its calls and whose queue keeps the jobs, so each step (the webhook, then each job the
// consumer takes) is measured on its own, the way production runs it.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../worker/src/index";
import type { Job } from "../../../worker/src/queue/messages";
import { control, newEvents } from "./harness";
import { signedWebhookRequest } from "../../../standin/zendesk/webhooks";

export interface Cost {
  /** D1 round trips: one per run/all/first/raw, one per batch. */
  d1: number;
  statements: number;
  /** Each round trip's statements (their SQL's first words), in order. */
  trips: string[];
  /** Zendesk requests by method and path (ids replaced by :id). */
  zendesk: string[];
}

const sqlOf = new WeakMap<D1PreparedStatement, string>();
const short = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 60);

function countingDb(db: D1Database, cost: Cost): D1Database {
  const wrapStatement = (st: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped: D1PreparedStatement = new Proxy(st, {
      get(target, prop, receiver) {
        if (prop === "bind") {
          return (...args: unknown[]) => wrapStatement(target.bind(...args), sql);
        }
        if (prop === "run" || prop === "all" || prop === "first" || prop === "raw") {
          return (...args: unknown[]) => {
            cost.d1++;
            cost.statements++;
            cost.trips.push(sql);
            // biome-ignore lint/suspicious/noExplicitAny: forwarding D1's overloads as they are
            return (target as any)[prop](...args);
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    sqlOf.set(wrapped, sql);
    return wrapped;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          return wrapStatement(target.prepare(sql), short(sql));
        };
      }
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          cost.d1++;
          cost.statements += statements.length;
          cost.trips.push(`batch[${statements.map((st) => sqlOf.get(st) ?? "?").join(" | ")}]`);
          return target.batch(statements);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** A queue that keeps what is sent, for the next step to take. */
function keepingQueue(kept: Job[]): Queue<Job> {
  return {
    async send(body: Job) {
      kept.push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<Job>>) {
      for (const m of messages) kept.push(m.body);
    },
  } as unknown as Queue<Job>;
}

const fresh = (): Cost => ({ d1: 0, statements: 0, trips: [], zendesk: [] });

async function lastSeq(ticketId: number): Promise<number> {
  const log = (await control("GET", `/requests?ticketId=${ticketId}`)) as { seq: number }[];
  return log.at(-1)?.seq ?? 0;
}

async function zendeskCalls(ticketId: number, since: number): Promise<string[]> {
  const log = (await control("GET", `/requests?ticketId=${ticketId}&since=${since}`)) as {
    method: string;
    path: string;
  }[];
  return log.map((r) => `${r.method} ${r.path.replace(/\d{3,}/g, ":id")}`);
}

/**
 * Delivers the ticket's pending stand-in events through the counted Worker, then runs every job
 * they (and the jobs after them) queue, one message per batch. Returns the cost of the whole.
 */
export async function measuredDelivery(ticketId: number): Promise<Cost> {
  const cost = fresh();
  const jobs: Job[] = [];
  const counted = { ...env, DB: countingDb(env.DB, cost), JOBS: keepingQueue(jobs) } as typeof env;
  const before = await lastSeq(ticketId);
  for (const body of await newEvents(ticketId)) {
    const req = await signedWebhookRequest("http://worker/webhooks/zendesk", body, {
      secret: env.ZENDESK_WEBHOOK_SECRET,
    });
    const res = await worker.fetch(req, counted, createExecutionContext());
    if (res.status >= 300) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  }
  for (let i = 0; i < jobs.length && i < 50; i++) {
    const batch = createMessageBatch<Job>("ohallo-jobs", [
      { id: `m${i}`, timestamp: new Date(), attempts: 1, body: jobs[i] as Job },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, counted, ctx);
    await getQueueResult(batch, ctx);
  }
  cost.zendesk = await zendeskCalls(ticketId, before);
  return cost;
}
