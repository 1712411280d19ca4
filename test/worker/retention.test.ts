// Retention: de-duplication records kept for Zendesk's retry window only, the texts
// of messages and drafts erased after the installation's period, and the audit
// trail, the outcomes and the statistics kept.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/src/index";
import { api, createTicket, settled } from "./support/harness";
import { SHIPPING_QUESTION, seedKb } from "./support/seed";

beforeAll(async () => {
  await seedKb();
});

const DAY = 86_400_000;

async function cron() {
  const ctx = createExecutionContext();
  await worker.scheduled(
    { scheduledTime: Date.now(), cron: "*/10 * * * *", noRetry() {} } as ScheduledController,
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

describe("retention", () => {
  it("deletes old messages, drafts and delivery records, keeps the audit trail, outcomes and recent texts", async () => {
    expect((await api("GET", "/settings")).body.retentionDays).toBe(90);
    const old = await createTicket({ body: SHIPPING_QUESTION });
    expect(await settled(old)).toEqual(["replied"]);
    const recent = await createTicket({ body: SHIPPING_QUESTION });
    expect(await settled(recent)).toEqual(["replied"]);
    // The first ticket's conversation happened 100 days ago.
    const ago = Date.now() - 100 * DAY;
    for (const table of ["messages", "drafts"]) {
      await env.DB.prepare(
        `UPDATE ${table} SET created_at = ? WHERE installation_id = 'default' AND ticket_id = ?`,
      )
        .bind(ago, old)
        .run();
    }
    await env.DB.prepare("UPDATE webhook_deliveries SET received_at = ? WHERE ticket_id = ?")
      .bind(ago, old)
      .run();
    const eventsBefore = (await api("GET", `/tickets/${old}`)).body.events.length;

    await cron();

    const rows = async (table: string, id: number) =>
      (
        await env.DB.prepare(
          `SELECT count(*) AS n FROM ${table} WHERE installation_id = 'default' AND ticket_id = ?`,
        )
          .bind(id)
          .first<{ n: number }>()
      )?.n;
    // Deleted, not blanked: SQLite reuses a deleted row's pages, never a shortened row's space.
    expect(await rows("messages", old)).toBe(0);
    expect(await rows("drafts", old)).toBe(0);
    expect(await rows("messages", recent)).toBeGreaterThan(0);
    expect(await rows("drafts", recent)).toBeGreaterThan(0);
    const deliveries = await env.DB.prepare(
      "SELECT count(*) AS n FROM webhook_deliveries WHERE ticket_id = ?",
    )
      .bind(old)
      .first<{ n: number }>();
    expect(deliveries?.n).toBe(0);
    // The audit trail stays, and with it the outcome: the AI replied.
    const view = (await api("GET", `/tickets/${old}`)).body;
    expect(view.events.length).toBe(eventsBefore);
    expect(view.events.map((e: { type: string }) => e.type)).toContain("ai_replied");
  });

  it("a proposal's evidence loses its conversation excerpt with the texts it quotes; the verdict stays", async () => {
    const evidence = {
      ticketId: 1,
      excerpt: [{ role: "customer", text: "My name is Greta and I live at Havnegade 3." }],
      whyHuman: "A person took the ticket over from the AI.",
      replay: { verdict: "would_answer", detail: null, spared: null },
    };
    // Stored as the learning loop stores it, 100 days ago (the loop itself is tested elsewhere).
    for (const [age, question] of [
      [100, "Old proposal about parcel lockers?"],
      [1, "New proposal about parcel lockers?"],
    ] as const) {
      await env.DB.prepare(
        `INSERT INTO kb_entries (installation_id, question, answer, status, source_type, evidence, created_at, updated_at)
         VALUES ('default', ?, 'Yes.', 'pending_review', 'learning_loop', ?, ?, ?)`,
      )
        .bind(question, JSON.stringify(evidence), Date.now() - age * DAY, Date.now())
        .run();
    }
    await cron();
    const items = (await api("GET", "/kb-entries?status=pending_review&q=parcel%20lockers")).body.items as {
      question: string;
      evidence: typeof evidence;
    }[];
    const byQuestion = Object.fromEntries(items.map((e) => [e.question, e.evidence]));
    expect(byQuestion["Old proposal about parcel lockers?"]).toEqual({ ...evidence, excerpt: [] });
    expect(byQuestion["New proposal about parcel lockers?"]).toEqual(evidence);
  });

  it("the period is a setting, at least a week", async () => {
    expect((await api("PATCH", "/settings", { retentionDays: 30 })).body.retentionDays).toBe(30);
    expect((await api("PATCH", "/settings", { retentionDays: 3 })).status).toBe(400);
    await api("PATCH", "/settings", { retentionDays: 90 });
  });
});
