// The model whose output cannot be used: first cut-off JSON, then (on a revision) JSON that misses required
// fields, so both of the Worker's malformed-output paths run. Pure. Never valid against the draft schema.

import type { DraftTask } from "./task.ts";

export function broken(task: DraftTask): string {
  if (task.revision) return JSON.stringify({ action: "reply", reply: "Hello! Happy to help." });
  return '{"action": "reply", "reply": "Hello! Your parcel is on its way and should arr';
}
