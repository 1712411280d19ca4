// Seeds the demo shop's KB through the real API, as an admin would.
import kb from "../../../demo/kb.json";
import { api } from "./harness";

export const SHIPPING_QUESTION = "Which countries do you ship to?";

export async function seedKb(limit = kb.length): Promise<void> {
  for (const e of kb.slice(0, limit)) {
    const r = await api("POST", "/kb-entries", e);
    if (r.status !== 201) throw new Error(`seeding KB failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

export function kbAnswer(question: string): string {
  const entry = kb.find((e) => e.question === question);
  if (!entry) throw new Error(`no demo KB entry ${question}`);
  return entry.answer;
}
