// Benchmark 3 with two installations: the product as `npm start` runs it (connected installations
// only, the Worker over https, two accounts of the stand-in seeded and connected the real way by
// scripts/seed-demo.ts), with the queue's batch wait taken out. A stream of new tickets alternates
// between the two accounts, each with a question its own KB answers; from the customer's webhook
// (answered 202) to the AI's public reply in that account.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { seedLocalDemo } from "../scripts/seed-demo.ts";
import { buildLocalApp, LOCAL_APP_DIR } from "../standin/workspace/local-app.ts";
import { startLocalProduct } from "../standin/workspace/local-product.ts";
import type { Cleanup } from "./cleanup.ts";
import { type Phase, phaseFigures } from "./e2e.ts";
import { productConfig } from "./wrangler.ts";

const root = resolve(import.meta.dirname, "..");
const COMMENT_ADDED = "zen:event-type:ticket.comment_added";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface InstallationsResult {
  accounts: string[];
  /** Both accounts together, then each. */
  phases: Phase[];
}

interface Question {
  subject: string;
  message: string;
}

/** Nordlys Home's demo questions labelled `reply`, and Fjord Outdoor's answered ticket. */
function questions(): Record<string, Question[]> {
  const nordlys: { subject: string; message: string; expected: { outcome: string } }[] = JSON.parse(
    readFileSync(join(root, "demo/conversations.json"), "utf8"),
  );
  const fjord: { tickets: { role: string; subject: string; message: string }[] } = JSON.parse(
    readFileSync(join(root, "demo/fjord.json"), "utf8"),
  );
  return {
    nordlys: nordlys.filter((c) => c.expected.outcome === "reply"),
    fjord: fjord.tickets.filter((t) => t.role === "answered"),
  };
}

function phaseOf(name: string, times: number[], tickets: number, missing: number, seconds: number): Phase {
  const notReplied: Record<string, number> = missing
    ? { "no AI reply (held back, or none within 60 s)": missing }
    : {};
  return phaseFigures(name, tickets, times, notReplied, 0, seconds);
}

export async function benchTwoInstallations(
  opts: { stream: number; streamGapMs: number },
  cleanup: Cleanup,
): Promise<InstallationsResult> {
  await buildLocalApp();
  const dir = mkdtempSync(join(tmpdir(), "ohallo-bench-two-"));
  const removeDir = cleanup.add(async () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "config"));
  const config = join(dir, "config/wrangler.toml");
  writeFileSync(config, productConfig({ consumer: true, batchTimeoutSeconds: 0 }));
  const product = await startLocalProduct({
    appDir: LOCAL_APP_DIR,
    persistDir: join(dir, "state"),
    workerConfig: config,
    seed: seedLocalDemo,
  });
  const stopProduct = cleanup.add(product.stop);
  try {
    const qs = questions();
    const accounts = product.seeded.accounts;
    const replies = new Map<string, number>();
    const offs = accounts.map((a) => {
      const account = product.standin.account(a.subdomain);
      if (!account) throw new Error(`bench: no stand-in account ${a.subdomain}`);
      return account.store.onChange((change) => {
        if (change.type !== "comment_added" || change.author.id !== a.aiAgentId || !change.comment.public)
          return;
        const key = `${a.subdomain}/${change.ticket.id}`;
        if (!replies.has(key)) replies.set(key, Date.now());
      });
    });
    const sent: { subdomain: string; id: number }[] = [];
    const started = Date.now();
    try {
      for (let i = 0; i < opts.stream; i++) {
        const a = accounts[i % accounts.length];
        if (!a) continue;
        const list = qs[a.subdomain] ?? [];
        const q = list[Math.floor(i / accounts.length) % Math.max(1, list.length)];
        if (!q) continue;
        const res = await fetch(`${product.standin.origin}/${a.subdomain}/__standin/tickets`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            subject: q.subject,
            requester: { name: `Customer ${i}`, email: `bench.${i}@example.com` },
            comments: [{ body: q.message }],
          }),
        });
        if (res.status !== 201) throw new Error(`stand-in ${a.subdomain}: a new ticket gave ${res.status}`);
        const { ticket } = (await res.json()) as { ticket: { id: number } };
        sent.push({ subdomain: a.subdomain, id: ticket.id });
        await sleep(Math.max(0, started + (i + 1) * opts.streamGapMs - Date.now()));
      }
      const cap = Date.now() + 60_000;
      while (Date.now() < cap && sent.some((t) => !replies.has(`${t.subdomain}/${t.id}`))) {
        const last = Math.max(started, ...replies.values());
        if (Date.now() - last > 3_000) break;
        await sleep(100);
      }
    } finally {
      for (const off of offs) off();
    }
    const seconds = (Date.now() - started) / 1000;
    const timed = sent.map((t) => {
      const account = product.standin.account(t.subdomain);
      const attempt = account?.feed
        .listDeliveries(t.id)
        .find((d) => d.type === COMMENT_ADDED)
        ?.attempts.find((x) => x.status === 202);
      const reply = replies.get(`${t.subdomain}/${t.id}`);
      return { ...t, ms: attempt && reply !== undefined ? reply - Date.parse(attempt.at) : undefined };
    });
    const phase = (name: string, of: typeof timed) => {
      const times = of.flatMap((t) => (t.ms === undefined ? [] : [t.ms]));
      return phaseOf(name, times, of.length, of.length - times.length, seconds);
    };
    return {
      accounts: accounts.map((a) => a.subdomain),
      phases: [
        phase(`two installations, a new ticket every ${opts.streamGapMs} ms, alternating`, timed),
        ...accounts.map((a) =>
          phase(
            `of which ${a.name} (${a.subdomain})`,
            timed.filter((t) => t.subdomain === a.subdomain),
          ),
        ),
      ],
    };
  } finally {
    await stopProduct();
    await removeDir();
  }
}

// `node bench/installations.ts`: this part alone, printed.
if (import.meta.main) {
  const { Cleanup: C } = await import("./cleanup.ts");
  const c = new C();
  try {
    const r = await benchTwoInstallations({ stream: 20, streamGapMs: 200 }, c);
    for (const p of r.phases)
      console.log(`${p.name}: ${p.replied}/${p.tickets} replied, p50 ${p.ms.p50} ms, p95 ${p.ms.p95} ms`);
  } finally {
    await c.runAll();
  }
}
