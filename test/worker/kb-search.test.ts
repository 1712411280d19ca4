// KB search against real D1/FTS5 in workerd: query building is safe for any customer text, only
// approved entries come back, ranking favours the question, and the language filter holds.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildFtsQuery,
  MAX_CONCEPT_TERMS,
  MAX_OWN_TERMS,
  MIN_PREFIX,
  searchApprovedKb,
} from "../../worker/src/kb/kb.search";

/** The default installation, as the Worker sees it. */
const SCOPE = { db: env.DB, installationId: "default" };

const entries = [
  {
    id: 1,
    status: "approved",
    q: "How do I reset my password?",
    a: "Click 'Forgot password?' on the login page.",
    t: ["account"],
  },
  {
    id: 2,
    status: "approved",
    q: "Which countries do you ship to?",
    a: "All EU states; not Norway or Switzerland.",
    t: ["shipping"],
  },
  {
    id: 3,
    status: "approved",
    q: "Can I return furniture?",
    a: "Yes, within 14 days if not assembled.",
    t: ["returns"],
  },
  {
    id: 4,
    status: "pending_review",
    q: "How do I reset my password quickly?",
    a: "Pending answer.",
    t: ["account"],
  },
  { id: 5, status: "rejected", q: "Password reset by phone?", a: "Rejected answer.", t: ["account"] },
  { id: 6, status: "archived", q: "Old password policy", a: "Archived answer.", t: ["account"] },
  {
    id: 7,
    status: "approved",
    q: "Wie setze ich mein Passwort zurück?",
    a: "Klicken Sie auf der Anmeldeseite auf 'Passwort vergessen?'.",
    t: ["account"],
  },
  {
    id: 8,
    status: "approved",
    q: "Do you sell gift cards?",
    a: "Our password-protected gift card page is coming soon.",
    t: ["payments"],
  },
  {
    id: 9,
    status: "approved",
    q: "Hvordan afmelder jeg nyhedsbrevet?",
    a: "Klik på 'Afmeld' nederst i nyhedsbrevet.",
    t: ["account"],
  },
];

beforeAll(async () => {
  const insert = env.DB.prepare(
    "INSERT INTO kb_entries (id, question, answer, topics, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)",
  );
  await env.DB.batch(entries.map((e) => insert.bind(e.id, e.q, e.a, JSON.stringify(e.t), e.status)));
});

describe("buildFtsQuery (pure)", () => {
  it("is an OR of quoted prefix terms without stop words, numbers or one- and two-letter words", () => {
    expect(buildFtsQuery("Where is my sofa NH-20418?", "en")).toBe('"sofa"*');
  });

  it("also searches the other words of the support concepts a message mentions", () => {
    expect(buildFtsQuery("My parcel NH-20418", "en")).toBe('"parcel"* OR "packag"* OR "packet"*');
    // "Where is my parcel?" is a tracking question (round 5): its words search tracking too.
    expect(buildFtsQuery("Where is my parcel NH-20418?", "en")).toBe('"parcel"* OR "track"* OR "trace"*');
  });

  it("searches a stem's prefix as the word spells it, never a prefix shorter than four letters", () => {
    const q = buildFtsQuery("Was it delivered in a big box?", "en") ?? "";
    expect(q).toContain('"deliv"*');
    expect(q).toContain('"big"');
    expect(q).toContain('"box"');
    for (const term of q.split(" OR ")) {
      if (term.endsWith("*")) expect(term.length - 3, term).toBeGreaterThanOrEqual(MIN_PREFIX);
    }
  });

  it("searches nothing for a message of one- and two-letter words", () => {
    expect(buildFtsQuery("ab cd ef gh ij kl mn op qr st uv wx yz", "en")).toBeNull();
  });

  it("returns null when there is nothing to search for", () => {
    for (const text of ["", "  ", "🙂🎂", "Hi! Thanks, and what is it?", "12345 678", '"*:-()^'])
      expect(buildFtsQuery(text, "en"), JSON.stringify(text)).toBeNull();
  });

  it("adds the words of a support concept the message mentions", () => {
    const q = buildFtsQuery("Can I send it back?", "en") ?? "";
    expect(q).toContain('"return"*');
  });

  it("caps the number of terms", () => {
    const words = Array.from(
      { length: 200 },
      (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}x`,
    ).join(" ");
    expect((buildFtsQuery(words, "en") ?? "").split(" OR ").length).toBeLessThanOrEqual(
      MAX_OWN_TERMS + MAX_CONCEPT_TERMS,
    );
  });

  it("accepts an unknown language code by detecting it", () => {
    expect(buildFtsQuery("Wo ist meine Lieferung?", "xx")).toContain('"liefer"*');
  });
});

describe("searchApprovedKb (D1)", () => {
  it("returns only approved entries, question matches first", async () => {
    const found = await searchApprovedKb(SCOPE, "How can I reset my password?");
    expect(found.map((c) => c.id)).toEqual([1, 8]);
    const [first] = found;
    expect(first).toMatchObject({ question: entries[0]?.q, topics: ["account"], language: "en" });
    expect(first?.score).toBeGreaterThan(found[1]?.score ?? 0);
    expect(first?.questionScore).toBeGreaterThan(0);
  });

  it("keeps only the customer's language when asked", async () => {
    const de = await searchApprovedKb(SCOPE, "Passwort zurücksetzen", { language: "de" });
    expect(de.map((c) => c.id)).toEqual([7]);
    const en = await searchApprovedKb(SCOPE, "password", { language: "en" });
    expect(en.every((c) => c.language === "en")).toBe(true);
    expect(await searchApprovedKb(SCOPE, "nyhedsbrevet", { language: "da" })).toHaveLength(1);
  });

  it("honours the limit", async () => {
    expect(await searchApprovedKb(SCOPE, "password reset ship return furniture", { limit: 2 })).toHaveLength(
      2,
    );
  });

  it("returns [] for text with no content words", async () => {
    expect(await searchApprovedKb(SCOPE, "")).toEqual([]);
    expect(await searchApprovedKb(SCOPE, "🙂 ??? !!!")).toEqual([]);
  });

  const nasty = [
    'password"',
    '"password',
    'pass"word OR "',
    "password*",
    "*",
    "NEAR(password reset, 2)",
    "password NEAR reset",
    "-password",
    "password -reset",
    "question:password",
    "{question answer}: password",
    "password AND OR NOT",
    "^password",
    "password + reset",
    "(password",
    "password)",
    "'; DROP TABLE kb_entries; --",
    "\u0000password\u0000",
    "pass\u200bword",
    "p\u0430ssword", // Cyrillic а
    "🙂password🙂",
  ];
  it.each(nasty)("never fails on FTS5 or SQL syntax in customer text: %s", async (text) => {
    await expect(searchApprovedKb(SCOPE, text)).resolves.toBeInstanceOf(Array);
  });

  it("still finds the entry through quotes, stars and look-alike letters", async () => {
    for (const text of ['"password"*', "p\u0430ssword", "pass\u200bword", "-password:"]) {
      expect((await searchApprovedKb(SCOPE, text)).map((c) => c.id)).toContain(1);
    }
  });

  it("never fails on arbitrary text (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: "binary" }), async (text) => {
        await searchApprovedKb(SCOPE, text);
      }),
      { numRuns: 150 },
    );
  });

  it("handles 20 KB of text", async () => {
    const text = `${"I wrote a very long message about many different things. ".repeat(360)} password`;
    expect(text.length).toBeGreaterThan(20_000);
    const found = await searchApprovedKb(SCOPE, text);
    expect(found.map((c) => c.id)).toContain(1);
  });
});
