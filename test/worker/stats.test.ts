// GET /api/stats: counts from the audit log, within the window asked for.
import { describe, expect, it } from "vitest";
import { ANA, BO, api, createTicket, deliver, dispositions, waitUntil } from "./support/harness";

describe("GET /api/stats", () => {
  it("splits AI- and human-resolved tickets, counts take overs by reason, releases and attention", async () => {
    const before = (await api("GET", "/stats")).body;
    const a = await createTicket({ body: "Do you run an ambassador programme for influencers?" });
    await waitUntil(async () => {
      await deliver(a);
      return (await dispositions(a)).includes("attention");
    });
    await api("POST", `/tickets/${a}/resolve`, { agent: ANA }); // resolved without a take over
    const b = await createTicket({ body: "hello" });
    await deliver(b);
    await api("POST", `/tickets/${b}/takeover`, { agent: ANA });
    await api("POST", `/tickets/${b}/takeover`, { agent: BO, force: true });
    await api("POST", `/tickets/${b}/release`, { agent: BO });
    await api("POST", `/tickets/${b}/takeover`, { agent: BO });
    await api("POST", `/tickets/${b}/resolve`, { agent: BO });

    const after = (await api("GET", "/stats")).body;
    expect(after.resolutions.aiResolved - before.resolutions.aiResolved).toBe(1);
    expect(after.resolutions.humanResolved - before.resolutions.humanResolved).toBe(1);
    expect(after.takeovers.total - before.takeovers.total).toBe(3);
    expect(after.takeovers.byReason["forced from a colleague"]).toBeGreaterThanOrEqual(1);
    expect(after.releases - before.releases).toBe(1);
    expect(after.attention.validation_failed).toBeGreaterThanOrEqual(1);
    expect(after.proposals).toEqual({ approved: 0, rejected: 0, pending: 0 });

    const past = (await api("GET", "/stats?from=2020-01-01&to=2020-02-01")).body;
    expect(past.resolutions).toEqual({ aiResolved: 0, humanResolved: 0 });
    expect((await api("GET", "/stats?from=yesterday")).status).toBe(400);
  });
});
