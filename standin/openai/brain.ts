// Which brain answers, and turning its draft into the assistant message's content. Pure.
// Brains never see HTTP, scripts or the clock; they get the task, the system text, and whether it was plain.

import { broken } from "./brain.broken.ts";
import { grounded } from "./brain.grounded.ts";
import { obedient } from "./brain.obedient.ts";
import { sloppy } from "./brain.sloppy.ts";
import { conform } from "./schema.ts";
import { type DraftTask, plainTask, readTask } from "./task.ts";

export const BRAINS = ["grounded", "sloppy", "obedient", "broken"] as const;
export type Brain = (typeof BRAINS)[number];

export function isBrain(value: unknown): value is Brain {
  return BRAINS.some((b) => b === value);
}

/** `[[standin:brain=obedient]]` anywhere in the last user message picks the brain for that request. */
const MARKER = /\[\[standin:brain=([a-z]+)\]\]/g;

export function markedBrain(text: string): Brain | undefined {
  const found = [...text.matchAll(MARKER)].map((m) => m[1]).find(isBrain);
  return found;
}

export function withoutMarkers(text: string): string {
  return text.replace(MARKER, "");
}

export type Thought = { task: DraftTask; system: string; plain: boolean };

export function readPrompt(lastUser: string, system: string): Thought {
  const text = withoutMarkers(lastUser);
  const task = readTask(text);
  return task ? { task, system, plain: false } : { task: plainTask(text), system, plain: true };
}

/**
 * The assistant message's content. With a strict json_schema the draft is bent to the schema's keys, as
 * structured outputs guarantee; `broken` is exempt, its whole point is output that does not fit.
 */
export function think(brain: Brain, thought: Thought, schema?: unknown): string {
  const { task, system, plain } = thought;
  if (brain === "broken") return broken(task);
  const draft =
    brain === "grounded" ? grounded(task, plain) : brain === "sloppy" ? sloppy(task) : obedient(task, system);
  return JSON.stringify(schema === undefined ? draft : conform(draft, schema));
}
