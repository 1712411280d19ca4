// Opt-in evaluation of the real model path (not part of `npm test`): every
// labelled demo conversation goes through the same decision the pipeline
// makes (policies, validated drafting with up to 3 attempts, autonomy), with
// the model named by OPENAI_* (see `npm run eval`). Prints grounded, flagged
// and wrong counts. An evaluation, not a gate: it reports, it does not fail.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import conversations from "../../demo/conversations.json";
import kb from "../../demo/kb.json";
import policies from "../../demo/policies.json";
import { decideForMessages } from "../../worker/src/drafting/decision.service";
import { defaultServices } from "../../worker/src/services";

beforeAll(async () => {
  const s = await defaultServices(env);
  for (const e of kb) await s.kb.create({ ...e, status: "approved", sourceType: "import" }, Date.now());
  for (const p of policies) {
    await s.policies.create(
      {
        ...p,
        action: p.action === "escalate" || p.action === "require_approval" ? p.action : "guideline",
        status: "approved",
        sourceType: "import",
      },
      Date.now(),
    );
  }
});

it("the model path on the labelled demo conversations", { timeout: 30 * 60_000 }, async () => {
  const s = await defaultServices(env);
  const byId = new Map(kb.map((e, i) => [i + 1, e.question]));
  const tally = { grounded: 0, flaggedRight: 0, wrongReply: 0, missedReply: 0, wrongFlag: 0 };
  const wrong: string[] = [];
  for (const c of conversations) {
    const d = await decideForMessages(s, {
      ticketId: 1,
      question: c.message,
      customerName: null,
      conversation: [{ role: "customer", name: null, body: c.message, isPublic: true }],
      autonomy: "auto",
      brandTone: "Friendly, concise and precise.",
    });
    const expected = c.expected.outcome;
    if (d.kind === "send") {
      const cited = d.citations.map((id) => byId.get(id));
      if (expected === "reply" && cited.includes(c.expected.kbQuestion)) tally.grounded++;
      else {
        tally.wrongReply++;
        wrong.push(
          `${c.id}: sent a reply citing ${JSON.stringify(cited)}, expected ${expected} ${c.expected.kbQuestion ?? ""}`,
        );
      }
      continue;
    }
    const type = d.kind === "hold" ? "approval_required" : d.type;
    if (type === expected) tally.flaggedRight++;
    else if (expected === "reply") tally.missedReply++;
    else {
      tally.wrongFlag++;
      wrong.push(`${c.id}: ${type}, expected ${expected}`);
    }
  }
  const right = tally.grounded + tally.flaggedRight;
  console.info(
    `model ${(await defaultServices(env)).drafter.name} (${env.OPENAI_MODEL || "default"}): ${right}/${conversations.length} right — ` +
      `grounded replies ${tally.grounded}, right flags ${tally.flaggedRight}, ` +
      `wrong replies sent ${tally.wrongReply}, replies missed (flagged instead) ${tally.missedReply}, wrong flags ${tally.wrongFlag}`,
  );
  for (const w of wrong) console.info(`  ${w}`);
  expect(right + tally.wrongReply + tally.missedReply + tally.wrongFlag).toBe(conversations.length);
});
