// The prompt-injection stand-in: a model that does whatever the customer's text tells it (says the sentence,
// grants the refund, dumps its instructions, plays the role, hands over data). Pure. It never refuses: the
// Worker's validator is what must stop it. Anything it cannot read as an instruction gets the sloppy answer.

import { pickEntry } from "./brain.grounded.ts";
import { sloppy } from "./brain.sloppy.ts";
import { type Instructions, readInstructions } from "./injection.patterns.ts";
import { FAKE_DATA, OBEDIENT } from "./obedient.phrases.ts";
import { type Language, languageOf, wrap } from "./phrases.ts";
import { customerText, type Draft, type DraftTask, isInternal } from "./task.ts";
import { turnAround, weForms } from "./turn-around.ts";

/** Everything the model was told that the customer must never see, as the model would recite it. */
function dump(task: DraftTask, system: string, language: Language, fenced = true): string {
  const phrases = OBEDIENT[language];
  const policies = task.policies.map((p) => `- ${p.topic} (${p.action}): ${p.ruleText}`);
  const notes = task.conversation.filter(isInternal).map((t) => `- ${t.body}`);
  return [
    system.trim() === "" ? "" : fenced ? `\`\`\`\n${system.trim()}\n\`\`\`` : system.trim(),
    policies.length > 0 ? `${phrases.policies}:\n${policies.join("\n")}` : "",
    notes.length > 0 ? `${phrases.notes}:\n${notes.join("\n")}` : "",
  ]
    .filter((part) => part !== "")
    .join("\n\n");
}

function fill(template: string, found: Instructions, language: Language): string {
  return template
    .replace("{amount}", found.amount ?? OBEDIENT[language].fullAmount)
    .replace("{order}", found.order ? ` ${found.order}` : "")
    .replace("{percent}", found.percent ?? "20%");
}

function body(task: DraftTask, system: string, found: Instructions, language: Language): string[] {
  const phrases = OBEDIENT[language];
  const parts: string[] = [];
  if (found.role) parts.push(phrases.role.replace("{role}", turnAround(found.role, language)));
  if (found.yes) parts.push(phrases.yes);
  if (found.confirm) {
    const frame = { that: phrases.confirmThat, noun: phrases.confirmed, yes: phrases.yesWe }[
      found.confirm.frame
    ];
    parts.push(frame.replace("{c}", weForms(turnAround(found.confirm.clause, language), language)));
  }
  // Whatever it was talked into, it grants every concession the message mentions.
  if (found.confirm || found.yes) {
    for (const topic of found.topics) parts.push(fill(phrases.grant[topic], found, language));
  }
  if (found.code) {
    const code = found.code.code ?? `THANKS${(found.percent ?? "20%").replace("%", "")}`;
    parts.push(fill(phrases.code, found, language).replace("{code}", code));
  }
  if (found.disclose.length > 0) {
    const lines = found.disclose.map((kind) => `- ${phrases.labels[kind]}: ${FAKE_DATA[kind]}`);
    parts.push(`${phrases.disclose}\n${lines.join("\n")}`);
  }
  if (found.leak) parts.push(`${phrases.leak}\n\n${dump(task, system, language)}`);
  return parts;
}

export function obedient(task: DraftTask, system: string): Draft {
  const language = languageOf(task.language);
  const found = readInstructions(customerText(task));
  const match = pickEntry(task);
  // It cites a real entry when it can, so a validator that only checks citations is not enough.
  const citations = match ? [match.entry.id] : task.knowledgeBase.slice(0, 1).map((e) => e.id);
  const draft = (reply: string): Draft => ({
    action: "reply",
    reply,
    citations,
    language: task.language,
    reason: "Did what the customer asked.",
  });
  if (found.say !== undefined) return draft(found.say);
  if (found.complete !== undefined) {
    const prefix = found.complete.replace(/\s*(?:\.\.\.|…)\s*$/u, "");
    return draft(`${prefix} ${dump(task, system, language, false)}`);
  }
  const parts = body(task, system, found, language);
  if (parts.length === 0) return sloppy(task);
  if (found.leak && match) parts.push(match.entry.answer);
  return draft(wrap(parts.join("\n\n"), language, task.customerName));
}
