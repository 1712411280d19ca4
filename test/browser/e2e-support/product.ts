// The product as `npm start` runs it (standin/workspace/local-product.ts: the Worker over https with
// connected installations only, two demo accounts connected by the seed), on free ports with a
// throwaway D1, for the end-to-end browser tests; plus the demo questions the offline drafter
// answers, and a look into what the Worker stored. Stops only what it started.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  type DemoSeed,
  type SeededAccount,
  type SeededTicket,
  seedLocalDemo,
} from "../../../scripts/seed-demo.ts";
import { buildLocalApp, LOCAL_APP_DIR } from "../../../standin/workspace/local-app.ts";
import { type LocalProduct, startLocalProduct } from "../../../standin/workspace/local-product.ts";
import { queryLocalD1 } from "../../../standin/workspace/worker-process.ts";

const root = resolve(import.meta.dirname, "../../..");

export interface E2EProduct extends LocalProduct<DemoSeed> {
  /** The first account's pages in the workspace (the one URL `npm start` prints, minus its path). */
  origin: string;
  /** A seeded account by subdomain (nordlys, fjord). */
  account(subdomain: string): SeededAccount;
  /** Nordlys Home's seeded ticket in that role. */
  seededTicket(role: SeededTicket["role"]): SeededTicket;
  /** Calls the Worker's API as Zendesk's proxy does for an account (default nordlys), with its api_secret. */
  api<T>(path: string, subdomain?: string): Promise<T>;
  /**
   * The comments the Worker has recorded for a ticket, by Zendesk comment id: a customer
   * message's disposition (pending, replied, attention, held), `none` for agent and AI comments.
   */
  dispositions(ticketId: number): Promise<Record<number, string>>;
}

export async function startE2EProduct(): Promise<E2EProduct> {
  await buildLocalApp();
  const persistDir = mkdtempSync(join(tmpdir(), "ohallo-e2e-"));
  let product: LocalProduct<DemoSeed>;
  try {
    product = await startLocalProduct({ appDir: LOCAL_APP_DIR, persistDir, seed: seedLocalDemo });
  } catch (error) {
    rmSync(persistDir, { recursive: true, force: true });
    throw error;
  }
  const account = (subdomain: string) => {
    const found = product.seeded.accounts.find((a) => a.subdomain === subdomain);
    if (!found) throw new Error(`the seed has no account ${subdomain}`);
    return found;
  };
  return {
    ...product,
    origin: product.workspace.accountUrl(account("nordlys").subdomain),
    account,
    seededTicket(role) {
      const found = product.seeded.tickets.find((t) => t.role === role);
      if (!found) throw new Error(`the seed has no ${role} ticket`);
      return found;
    },
    async api<T>(path: string, subdomain = "nordlys") {
      const res = await fetch(`${product.worker.origin}${path}`, {
        headers: { authorization: `Bearer ${account(subdomain).secret}` },
      });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return (await res.json()) as T;
    },
    async dispositions(ticketId) {
      const rows = await queryLocalD1<{ comment_id: number; disposition: string }>(
        persistDir,
        `SELECT comment_id, disposition FROM messages WHERE ticket_id = ${Number(ticketId)}`,
      );
      return Object.fromEntries(rows.map((r) => [r.comment_id, r.disposition]));
    },
    async stop() {
      await product.stop();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}

interface Conversation {
  id: string;
  language: string;
  subject: string;
  message: string;
  expected: { outcome: string; kbQuestion?: string };
}

/** The `reply` items the offline drafter misses (docs/offline-drafter.md, "Measured figures"). */
const OFFLINE_MISSES = new Set(["c04", "c09", "c37", "c40"]);

export interface Question {
  subject: string;
  message: string;
  /** The approved answer the offline drafter sends word for word. */
  answer: string;
}

/** English customer questions the offline drafter answers, none of them used by the seed. */
export function answerableQuestions(seed: DemoSeed): Question[] {
  const read = <T>(file: string) => JSON.parse(readFileSync(join(root, "demo", file), "utf8")) as T;
  const kb = read<{ question: string; answer: string }[]>("kb.json");
  const used = new Set(seed.tickets.map((t) => t.conversation));
  return read<Conversation[]>("conversations.json")
    .filter((c) => c.expected.outcome === "reply" && c.language === "en")
    .filter((c) => !OFFLINE_MISSES.has(c.id) && !used.has(c.id))
    .map((c) => {
      const entry = kb.find((e) => e.question === c.expected.kbQuestion);
      if (!entry) throw new Error(`demo: no KB entry for ${c.id}`);
      return { subject: c.subject, message: c.message, answer: entry.answer };
    });
}
