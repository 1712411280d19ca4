// Comment pagination as Zendesk's cursor pagination: pages, cursors, links on the caller's base, sort order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { api, control, seedTicket, start } from "./support.ts";

let zd: ZendeskStandin;

beforeAll(async () => {
  zd = await start();
});
afterAll(() => zd.close());

describe("comment pagination", () => {
  it("pages 250 comments by 100 with cursors and links", async () => {
    const o = zd.origin;
    const comments = Array.from({ length: 250 }, (_, i) => ({ body: `message ${i}` }));
    await seedTicket(o, 401, { comments, notify: false });
    const seen: string[] = [];
    const pages: { has_more: boolean; count: number }[] = [];
    let next: string | null = `${o}/api/v2/tickets/401/comments.json`;
    while (next) {
      const res = await api(o, next.slice(o.length));
      expect(res.status).toBe(200);
      pages.push({ has_more: res.body.meta.has_more, count: res.body.comments.length });
      seen.push(...res.body.comments.map((c: { body: string }) => c.body));
      expect(res.body.meta.after_cursor).toEqual(expect.any(String));
      if (res.body.links.next) expect(res.body.links.next.startsWith(`${o}/api/v2/`)).toBe(true);
      next = res.body.meta.has_more ? res.body.links.next : null;
    }
    expect(pages).toEqual([
      { has_more: true, count: 100 },
      { has_more: true, count: 100 },
      { has_more: false, count: 50 },
    ]);
    expect(seen).toEqual(comments.map((c) => c.body));

    const first = await api(o, "/api/v2/tickets/401/comments.json?page[size]=100");
    const second = await api(
      o,
      `/api/v2/tickets/401/comments.json?page[size]=100&page[after]=${first.body.meta.after_cursor}`,
    );
    expect(second.body.comments[0].body).toBe("message 100");
    expect(second.body.links.prev).toEqual(expect.stringContaining("page%5Bbefore%5D"));
    const desc = await api(o, "/api/v2/tickets/401/comments.json?page[size]=3&sort_order=desc");
    expect(desc.body.comments.map((c: { body: string }) => c.body)).toEqual([
      "message 249",
      "message 248",
      "message 247",
    ]);
    expect((await api(o, "/api/v2/tickets/401/comments.json?page[size]=101")).status).toBe(400);
  });

  it("builds links on the account's own base when called through its subdomain", async () => {
    await control(zd.origin, "/accounts", "POST", {
      subdomain: "paging",
      apiToken: "t",
      email: "a@paging.example",
    });
    const base = `${zd.origin}/paging`;
    const auth = `Basic ${btoa("a@paging.example/token:t")}`;
    const comments = Array.from({ length: 3 }, (_, i) => ({ body: `m${i}` }));
    await seedTicket(base, 402, { comments, notify: false });
    const res = await api(base, "/api/v2/tickets/402/comments.json?page[size]=2", { auth });
    expect(res.body.links.next.startsWith(`${base}/api/v2/tickets/402/comments.json`)).toBe(true);
  });
});
