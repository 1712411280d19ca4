// The built admin area (nav_bar) in real Chromium, framed by the ZAF host, against the real
// Worker (wrangler dev) and the Zendesk stand-in. Three proposals come the real way (a customer
// asks what the KB cannot answer, an agent answers in Zendesk, the ticket is resolved); the
// test approves one, edits and approves one, rejects one with a reason, imports a CSV with a
// bad row, reads the charts, and publishes approved entries to the stand-in's Guide as drafts.
// OHALLO_SCREENSHOTS=1 writes docs/screenshots/admin-*.png.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { FrameLocator, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLocalApp } from "../../standin/workspace/local-app.ts";
import { launchChromium } from "./support/chromium.ts";
import { type Stack, startStack } from "./support/stack.ts";

const ana = { id: 7001, name: "Ana Berg" };
const SHOTS =
  process.env.OHALLO_SCREENSHOTS === "1" ? join(import.meta.dirname, "../../docs/screenshots") : null;

/** What customers ask that an empty KB cannot answer, and what Ana answers in Zendesk. */
const EXCHANGES = [
  {
    subject: "Gift wrapping",
    question: "Do you offer gift wrapping for birthday presents?",
    answer: "Yes! Choose gift wrapping at checkout for EUR 3.95 and we add a handwritten card.",
  },
  {
    subject: "Pick up",
    question: "Can I collect my order myself from your warehouse?",
    answer: "Yes, you can collect it from our warehouse in Kolding on weekdays between 9 and 17.",
  },
  {
    subject: "Sponsorship",
    question: "Would you sponsor our local youth football club?",
    answer: "We do not run a sponsorship programme at the moment, but thank you for asking.",
  },
] as const;
const EDITED = "Yes: collect it from our warehouse in Kolding, Monday to Friday, 9:00 to 17:00.";

interface Entry {
  id: number;
  question: string;
  answer: string;
  status: string;
  sourceType: string;
  sourceTicketId: number | null;
}

let stack: Stack;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let app: FrameLocator;
const tickets: number[] = [];

/** The real path to a proposal: flagged question, a human answer in Zendesk, resolved. */
async function humanAnswers(e: (typeof EXCHANGES)[number]): Promise<number> {
  const id = await stack.createTicket(e.subject, e.question);
  await stack.waitForView<{ attention: unknown[] }>(id, (v) => v.attention.length > 0);
  await stack.agentReplies(id, ana, e.answer);
  await stack.waitForView<{ state: string }>(id, (v) => v.state === "in_progress");
  const resolved = await stack.api("POST", `/api/tickets/${id}/resolve`, { agent: ana });
  expect(resolved.status).toBe(200);
  return id;
}

async function kbEntries(query: string): Promise<Entry[]> {
  const res = await stack.api("GET", `/api/kb-entries?limit=500&${query}`);
  return (res.body as { items: Entry[] }).items;
}

async function openAdmin(locale = "en-US"): Promise<{ page: Page; app: FrameLocator }> {
  const p = await browser.context.newPage();
  await p.setViewportSize({ width: 1280, height: 900 });
  await p.goto(stack.host.pageUrl({ user: { ...ana, locale, role: "admin" }, location: "nav_bar" }));
  const frame = p.frameLocator("#app");
  await frame.getByRole("tablist").waitFor();
  return { page: p, app: frame };
}

async function shot(name: string) {
  if (!SHOTS) return;
  await app.locator("body").evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, `admin-${name}.png`) });
}

/** Waits on the page (Playwright's own matchers are not vitest's). */
const attr = (l: Locator, name: string, value: string) => expect.poll(() => l.getAttribute(name)).toBe(value);
const count = (l: Locator, n: number) => expect.poll(() => l.count()).toBe(n);
const text = (l: Locator, part: string) =>
  expect.poll(async () => (await l.textContent()) ?? "").toContain(part);

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const tab = (name: string) => app.getByRole("tab", { name, exact: true });
const proposal = (question: string) => app.locator("article.proposal", { hasText: question });
const waiting = () => tab("Pending review").locator(".count").textContent();

beforeAll(async () => {
  await buildLocalApp();
  stack = await startStack();
  await stack.putAgent(ana);
  browser = await launchChromium();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  tickets.push(...(await Promise.all(EXCHANGES.map(humanAnswers))));
  const proposals = await until(
    () => kbEntries("status=pending_review&sourceType=learning_loop"),
    (items) => items.length >= 3,
  );
  expect(proposals).toHaveLength(3);
  ({ page, app } = await openAdmin());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("Pending review", () => {
  it("shows the three proposals, what each proposes and why, with the count on the tab", async () => {
    await attr(tab("Pending review"), "aria-selected", "true");
    await expect.poll(waiting).toBe("3");
    await count(app.locator("article.proposal"), 3);
    const first = proposal(EXCHANGES[0].question);
    await first.locator(".proposal-body").getByText(EXCHANGES[0].answer).waitFor();
    // The evidence: the conversation it came from and the replay of that ticket with it approved.
    await first.locator(".evidence .excerpt").getByText(EXCHANGES[0].answer).waitFor();
    await first.getByText(/Replayed with this approved, the AI would have answered/).waitFor();
    await first.getByText("60% confident").waitFor();
    await first.getByText(/no approved entry answered it/).waitFor();
    await first.getByRole("link", { name: `Ticket #${tickets[0]}` }).waitFor();
    for (const name of ["Approve", "Edit", "Reject"])
      await first.getByRole("button", { name, exact: true }).waitFor();
    await shot("review");
  });

  it("approves one as proposed", async () => {
    await proposal(EXCHANGES[0].question).getByRole("button", { name: "Approve", exact: true }).click();
    await expect.poll(waiting).toBe("2");
    await app.getByText("Approved. The AI uses it from now on.").waitFor();
    const [entry] = await kbEntries(`q=${encodeURIComponent("gift wrapping")}`);
    expect(entry).toMatchObject({ status: "approved", answer: EXCHANGES[0].answer });
  });

  it("edits one, then approves it", async () => {
    const card = proposal(EXCHANGES[1].question);
    await card.getByRole("button", { name: "Edit", exact: true }).click();
    await card.getByLabel("Answer").fill(EDITED);
    await card.getByLabel("Topics").fill("orders, pick up");
    await card.getByRole("button", { name: "Approve", exact: true }).click();
    await expect.poll(waiting).toBe("1");
    const [entry] = await kbEntries("q=Kolding");
    expect(entry).toMatchObject({ status: "approved", answer: EDITED, sourceTicketId: tickets[1] });
  });

  it("rejects one after asking for a reason", async () => {
    const card = proposal(EXCHANGES[2].question);
    await card.getByRole("button", { name: "Reject", exact: true }).click();
    await card.getByLabel("Reason (optional)").fill("We do not answer sponsorship requests here");
    await card.getByRole("button", { name: "Reject", exact: true }).click();
    await expect.poll(waiting).toBe("0");
    await app.getByText("Nothing to review").waitFor();
    const rejected = await kbEntries("status=rejected");
    expect(rejected.map((e) => e.question)).toEqual([EXCHANGES[2].question]);
    expect(await kbEntries("status=pending_review")).toEqual([]);
  });
});

describe("Knowledge base", () => {
  it("is reached with the arrow keys and lists the approved entries", async () => {
    await tab("Pending review").focus();
    await page.keyboard.press("ArrowRight");
    await attr(tab("Knowledge base"), "aria-selected", "true");
    await expect.poll(() => tab("Knowledge base").evaluate((el) => el === document.activeElement)).toBe(true);
    await app.getByRole("cell", { name: new RegExp(EXCHANGES[1].question) }).waitFor();
    await count(app.locator("tr[data-entry]"), 3);
  });

  it("imports a CSV in chunks with a progress bar, and names the bad row", async () => {
    const rows = Array.from({ length: 120 }, (_, i) =>
      i === 56
        ? `,"An answer without its question",shipping`
        : `"Question ${i + 1}: do you stock item ${i + 1}?","Yes, item ${i + 1} is in stock.",stock;catalogue`,
    );
    await app.getByRole("button", { name: "Import", exact: true }).click();
    await app.getByLabel("File").setInputFiles({
      name: "catalogue.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["question,answer,topics", ...rows].join("\n")),
    });
    await app.getByText("catalogue.csv: 120 rows to import.").waitFor();
    // Record every value the progress bar takes.
    const frame = page.frames().find((f) => f.url().includes("admin.html"));
    await frame?.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progress: string[] }).progress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        const now = bar?.getAttribute("aria-valuenow");
        if (now && seen.at(-1) !== now) seen.push(now);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await app.getByRole("button", { name: "Import 120 rows" }).click();
    await app.getByText("Done: 119 imported, 1 refused.").waitFor();
    const progress = await frame?.evaluate(() => (window as unknown as { progress: string[] }).progress);
    expect(progress).toEqual(["0", "50", "100", "120"]);
    const bar = app.getByRole("progressbar");
    await attr(bar, "aria-valuemax", "120");
    await attr(bar, "aria-valuetext", "120 of 120 rows sent");
    const bad = app.locator("table.import-errors tr[data-row]");
    await count(bad, 1);
    await attr(bad, "data-row", "57");
    await text(bad, "question");
    await app.getByText("1–25 of 122").waitFor();
    await shot("kb-import");
  });

  it("searches and filters", async () => {
    await app.getByRole("button", { name: "Close", exact: true }).click();
    await app.getByLabel("Search").fill("Kolding");
    await count(app.locator("tr[data-entry]"), 1);
    await app.getByLabel("Search").fill("");
    await app.getByLabel("Status").selectOption("rejected");
    await count(app.locator("tr[data-entry]"), 1);
    await app.getByRole("cell", { name: new RegExp(EXCHANGES[2].question) }).waitFor();
    await app.getByLabel("Status").selectOption("");
    await app.getByText("1–25 of 122").waitFor();
    await shot("kb");
  });
});

describe("Policies", () => {
  it("creates a policy through the form", async () => {
    await tab("Policies").click();
    await app.getByText("No policies yet").waitFor();
    await app.getByRole("button", { name: "New policy" }).click();
    const form = app.getByRole("form", { name: "New policy" });
    await form.getByLabel("Topic").fill("Legal threats");
    await form.getByLabel("Rule").fill("Hand every ticket that mentions legal action to a person.");
    await form.getByLabel("What the AI does").selectOption("escalate");
    await form.getByLabel("Keywords").fill("lawyer, court, sue");
    await form.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Created.").waitFor();
    await app.getByRole("cell", { name: /Legal threats/ }).waitFor();
    const res = await stack.api("GET", "/api/policy-entries?topic=legal%20threats");
    expect((res.body as { items: unknown[] }).items[0]).toMatchObject({
      action: "escalate",
      status: "approved",
      conditions: { keywords: ["lawyer", "court", "sue"] },
    });
    await shot("policies");
  });
});

describe("Statistics", () => {
  const bar = (chart: string, key: string) =>
    app.locator(`svg[data-chart="${chart}"] g[data-key="${key}"]`).getAttribute("data-value");

  it("draws its charts from the Worker's counts", async () => {
    await tab("Statistics").click();
    await app.locator('svg[data-chart="resolutions-chart"]').waitFor();
    for (const chart of ["resolutions-chart", "takeovers-chart", "releases-chart", "attention-chart"])
      await attr(app.locator(`svg[data-chart="${chart}"]`), "role", "img");
    // The three tickets people answered were resolved minutes ago: counted once they stay solved 7 days.
    const line = app.locator('svg[data-chart="resolutions-chart"]');
    expect(await line.locator("g[data-series] path").count()).toBe(4);
    expect(await line.locator('g[data-series="pending"] circle').last().getAttribute("data-value")).toBe("3");
    expect(
      await line.locator('g[data-series="humanResolved"] circle').last().getAttribute("data-value"),
    ).toBe("0");
    await text(app.locator('[data-note="pending"]'), "Not yet counted: 0 by the AI, 3 by people.");
    expect(await bar("takeovers-chart", "implicit_reply")).toBe("3");
    expect(await app.locator('svg[data-chart="held-chart"] g[data-key="median"]').count()).toBe(1);
    expect(await bar("proposals-chart", "approved")).toBe("2");
    expect(await bar("proposals-chart", "rejected")).toBe("1");
    const ring = app.locator('svg[data-chart="approval-rate"]');
    expect(Number(await ring.getAttribute("data-value"))).toBeCloseTo(2 / 3);
    await text(ring, "67%");
    const drawn = await app
      .locator('svg[data-chart="resolutions-chart"] .fill, svg[data-chart] path')
      .count();
    expect(drawn).toBeGreaterThan(0);
    await shot("stats");
  });
});

describe("Settings and Connection", () => {
  it("saves a setting", async () => {
    await tab("Settings").click();
    await app.getByLabel("Brand tone").fill("Warm and brief. Use the customer's language.");
    await app.getByLabel("Only from tickets a person took over").check();
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Saved.").waitFor();
    const res = await stack.api("GET", "/api/settings");
    expect(res.body).toMatchObject({
      brandTone: "Warm and brief. Use the customer's language.",
      learning: { enabled: true, humanManagedOnly: true },
    });
    await shot("settings");
  });

  it("shows the account and what the Worker reports", async () => {
    await tab("Connection").click();
    await app.getByRole("heading", { name: "nordlys.zendesk.com" }).waitFor();
    await app.getByRole("button", { name: /^Connect/ }).waitFor();
    await shot("connection");
  });
});

describe("Publish to Guide", () => {
  interface Article {
    id: number;
    section_id: number;
    title: string;
    body: string;
    draft: boolean;
    label_names: string[];
    archived: boolean;
  }
  /** The stand-in's Guide, as an admin changes it in Zendesk. */
  async function guide<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${stack.standin.origin}/__standin${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  }
  const articles = async () =>
    (await guide<{ articles: Article[] }>("GET", "/help-center/articles")).articles;
  const section = async (name: string) =>
    (await guide<{ section: { id: number } }>("POST", "/help-center/sections", { name })).section.id;
  const rowOf = async (search: string, question: string) => {
    await tab("Knowledge base").click();
    await app.getByLabel("Search").fill(search);
    const row = app.locator("tr[data-entry]", { hasText: question });
    await count(app.locator("tr[data-entry]"), 1);
    return row;
  };
  let first: number;

  it("creates a draft article in the account's first section, says so, and makes no second one", async () => {
    first = await section("Orders");
    const row = await rowOf("Kolding", EXCHANGES[1].question);
    await row.getByRole("button", { name: "Publish to Guide" }).click();
    const link = row.getByRole("link", { name: "Open the article" });
    await link.waitFor();
    await text(row, "Draft article created in Guide.");
    await text(row, "Settings do not say where articles go");
    const [article, ...more] = await articles();
    expect(more).toEqual([]);
    expect(article).toMatchObject({
      section_id: first,
      title: EXCHANGES[1].question,
      body: `<p>${EDITED}</p>`,
      draft: true,
      label_names: ["orders", "pick up"],
    });
    expect(await link.getAttribute("href")).toBe(
      `${stack.standin.origin}/hc/en-us/articles/${article?.id}-Can-I-collect-my-order-myself-from-your-warehouse`,
    );
    await shot("kb-publish");
    await row.getByRole("button", { name: "Publish to Guide" }).click();
    await text(row, "This entry was published to Guide before; that article was left as it is.");
    expect(await articles()).toHaveLength(1);
  });

  it("puts the next where Settings say, and shows what Guide refused", async () => {
    const chosen = await section("Gifts");
    await tab("Settings").click();
    await app.getByLabel("Section ID").fill(String(chosen));
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Saved.").waitFor();
    expect((await stack.api("GET", "/api/settings")).body).toMatchObject({ guide: { sectionId: chosen } });
    const row = await rowOf("gift wrapping", EXCHANGES[0].question);
    await row.getByRole("button", { name: "Publish to Guide" }).click();
    await row.getByRole("link", { name: "Open the article" }).waitFor();
    expect((await articles()).map((a) => a.section_id)).toEqual([first, chosen]);

    await guide("PUT", "/help-center", { enabled: false });
    try {
      const other = await rowOf("item 7 is", "Question 7: do you stock item 7?");
      await other.getByRole("button", { name: "Publish to Guide" }).click();
      await text(other, "Could not publish to Guide: This Zendesk account has no Guide");
      expect(await articles()).toHaveLength(2);
    } finally {
      await guide("PUT", "/help-center", { enabled: true });
    }
  });
});

describe("in another language", () => {
  it("loads the admin's locale at start", async () => {
    const de = await openAdmin("de-DE");
    await de.app.getByRole("tab", { name: "Zur Prüfung", exact: true }).waitFor();
    await de.app.getByRole("tab", { name: "Wissensdatenbank", exact: true }).click();
    await de.app.getByRole("button", { name: "Importieren", exact: true }).waitFor();
    await de.page.close();
  });
});
