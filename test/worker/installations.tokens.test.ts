// OAuth tokens as Zendesk runs them: an access token that expires while ten jobs
// want it is renewed once (a rotating refresh token works once), and a grant an
// admin revoked disconnects the installation: its webhooks are still taken in,
// and every customer message ends as an ai_error item, never lost.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import kb from "../../demo/kb.json";
import { api, connect, createAccount, createTicket, deliver, ticket } from "./support/accounts";
import { waitUntil } from "./support/harness";

const SHIP = "Which countries do you ship to?";
const shipping = kb.find((e) => e.question === SHIP);

type TokenRequest = { method: string; path: string; body: unknown };

describe("OAuth tokens", () => {
  it("an access token that expires mid-queue is renewed once while ten jobs want it", async () => {
    const account = await createAccount("cyberdyne");
    const { secret } = await connect(account);
    await api(secret, "POST", "/kb-entries", shipping);
    // Zendesk's clock moves past the token's life; the Worker still thinks it is fresh.
    await account.control("POST", "/clock", { advanceMs: 31 * 60_000 });
    await account.control("DELETE", "/requests");
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await createTicket(account, `${SHIP} (${i})`));
    await Promise.all(ids.map((id) => deliver(account, id)));
    await waitUntil(async () => {
      const answered = await Promise.all(
        ids.map(async (id) =>
          (await ticket(account, id)).comments.some((c) => c.author_id === account.admin.id),
        ),
      );
      return answered.every(Boolean);
    }, 30_000);
    const log = (await account.control("GET", "/requests")) as TokenRequest[];
    const refreshes = log.filter(
      (r) =>
        r.method === "POST" &&
        r.path.startsWith("/oauth/tokens") &&
        JSON.stringify(r.body).includes("refresh_token"),
    );
    expect(refreshes).toHaveLength(1);
    expect(log.filter((r) => (r as { status?: number }).status === 401).length).toBeGreaterThan(0);
  });

  it("a revoked grant disconnects the installation; webhooks are still taken in and every message becomes an ai_error item", async () => {
    const account = await createAccount("oscorp");
    const { secret, installationId } = await connect(account);
    await api(secret, "POST", "/kb-entries", shipping);
    await account.control("POST", "/oauth/revoke", {});
    const ids = [await createTicket(account, SHIP), await createTicket(account, "Do you ship to Norway?")];
    for (const id of ids) {
      const answers = await deliver(account, id);
      expect(answers.every((r) => r.status === 202 || r.status === 200)).toBe(true);
    }
    const items = await waitUntil(async () => {
      const open = (await api(secret, "GET", "/attention-items?status=open")).body?.items as {
        ticketId: number;
        type: string;
        code: string;
      }[];
      return ids.every((id) => open.some((i) => i.ticketId === id)) ? open : null;
    }, 30_000);
    for (const id of ids) {
      expect(items.find((i) => i.ticketId === id)).toMatchObject({ type: "ai_error", code: "disconnected" });
    }
    const { results } = await env.DB.prepare(
      "SELECT disposition FROM messages WHERE installation_id = ? AND author_kind = 'customer'",
    )
      .bind(installationId)
      .all<{ disposition: string }>();
    expect(results.map((r) => r.disposition).sort()).toEqual(["attention", "attention"]);
    // The admin sees why, and no reply was sent.
    expect((await api(secret, "GET", "/installation")).body).toMatchObject({ connected: false });
    for (const id of ids) {
      expect(
        (await ticket(account, id)).comments.filter((c) => c.author_id === account.admin.id),
      ).toHaveLength(0);
    }
    // Connecting again brings it back.
    await account.control("PUT", "/oauth/authorize", { decision: "allow" });
    const again = await connect(account);
    expect((await api(again.secret, "GET", "/installation")).body).toMatchObject({ connected: true });
  });
});
