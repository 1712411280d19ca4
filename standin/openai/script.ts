// Scripted answers queued by tests: per substring of the last user message, consumed in order, then an
// optional sticky brain. Holds state, decides nothing about wording, never sleeps.

import { z } from "zod";
import { BRAINS, type Brain } from "./brain.ts";

const Delay = { delayMs: z.number().int().nonnegative().max(600_000).optional() };
export const ScriptedResponse = z.discriminatedUnion("status", [
  z.object({
    status: z.literal(200),
    brain: z.enum(BRAINS).optional(),
    /** An object is sent as its JSON; a string is sent as is (malformed on purpose, if you like). */
    content: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    ...Delay,
  }),
  z.object({
    status: z.literal(429),
    retryAfter: z.number().nonnegative().optional(),
    retryAfterMs: z.number().nonnegative().optional(),
    ...Delay,
  }),
  z.object({ status: z.literal(500), retryAfter: z.number().nonnegative().optional(), ...Delay }),
  z.object({ status: z.literal(502), retryAfter: z.number().nonnegative().optional(), ...Delay }),
  z.object({ status: z.literal(503), retryAfter: z.number().nonnegative().optional(), ...Delay }),
]);
export const ScriptInput = z
  .object({
    match: z.string().min(1),
    responses: z.array(ScriptedResponse).default([]),
    /** Answers every matching request once `responses` are used up, until the script is deleted. */
    brain: z.enum(BRAINS).optional(),
  })
  .refine(
    (s) => s.responses.length > 0 || s.brain !== undefined,
    "a script needs responses, a brain, or both",
  );

export type ScriptedResponse = z.infer<typeof ScriptedResponse>;
export type Script = z.infer<typeof ScriptInput> & { id: number };
export type Pick = { response?: ScriptedResponse; brain?: Brain; scriptId?: number };

export class Scripts {
  private scripts: Script[] = [];
  private nextId = 1;

  add(input: z.infer<typeof ScriptInput>): Script {
    const script = { ...input, responses: [...input.responses], id: this.nextId++ };
    this.scripts.push(script);
    return script;
  }

  list(): Script[] {
    return this.scripts.map((s) => ({ ...s, responses: [...s.responses] }));
  }

  /** Drops every script, or only those for one `match` (parallel tests share one stand-in). */
  clear(match?: string): number {
    const before = this.scripts.length;
    this.scripts = match === undefined ? [] : this.scripts.filter((s) => s.match !== match);
    return before - this.scripts.length;
  }

  /** The next scripted answer for this message: queued responses first (oldest script first), then a brain. */
  take(lastUser: string): Pick {
    const matching = this.scripts.filter((s) => lastUser.includes(s.match));
    const queued = matching.find((s) => s.responses.length > 0);
    if (queued) {
      const response = queued.responses.shift();
      if (queued.responses.length === 0 && queued.brain === undefined) {
        this.scripts = this.scripts.filter((s) => s !== queued);
      }
      return { response, brain: queued.brain, scriptId: queued.id };
    }
    const sticky = matching.find((s) => s.brain !== undefined);
    return sticky ? { brain: sticky.brain, scriptId: sticky.id } : {};
  }
}
