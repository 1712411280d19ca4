// The learning loop on a resolved ticket: proposes KB entries (pending_review,
// learning_loop) from what a human answered where the AI could not, unless an
// approved entry, a pending proposal or a rejected one already covers it.
// It never changes what the AI uses: only an admin's approval does.
import { pickConfidentMatch } from "../kb/kb.gate";
import type { Services } from "../services";
import { detectLanguage } from "../text/language";
import { learningCandidates } from "./learning.derive";

export async function learnFromTicket(s: Services, ticketId: number): Promise<number> {
  const settings = await s.settings.get();
  if (!settings.learning.enabled) return 0;
  if (settings.learning.humanManagedOnly) {
    const events = await s.tickets.events(ticketId, 500);
    if (!events.some((e) => e.type === "take_over")) return 0;
  }
  let proposed = 0;
  for (const c of learningCandidates(await s.messages.forTicket(ticketId))) {
    if (c.question.length < 3) continue;
    const language = detectLanguage(c.question);
    const known = await s.kbIndex.search(c.question, {
      language,
      limit: 8,
      statuses: ["approved", "pending_review", "rejected"],
    });
    if (pickConfidentMatch(c.question, language, known)) continue;
    await s.kb.create(
      {
        question: c.question.slice(0, 2_000),
        answer: c.answer.slice(0, 20_000),
        topics: [],
        status: "pending_review",
        sourceType: "learning_loop",
        confidence: 0.6,
        motivation: `On ticket #${ticketId} a customer asked this, no approved entry answered it, and a person answered it. Check that the answer holds for every customer before approving.`,
        sourceTicketId: ticketId,
      },
      s.now(),
    );
    proposed++;
  }
  if (proposed) {
    await s.tickets.log(
      ticketId,
      {
        type: "learning_proposed",
        actor: { kind: "ai" },
        from: null,
        to: null,
        reason: `${proposed} KB proposal(s) for review`,
      },
      s.now(),
    );
  }
  return proposed;
}
