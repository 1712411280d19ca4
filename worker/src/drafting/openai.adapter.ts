// The model behind the drafter port: OpenAI (or any OpenAI-compatible server
// at OPENAI_BASE_URL) with structured outputs. It proposes; the pipeline's
// validator decides. Failures say whether a retry can help.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai/core/error";
import type { ParsedChatCompletion } from "openai/resources/chat/completions";
import { UpstreamError } from "../lib/upstream";
import type { DraftProposal, DraftRequest, Drafter } from "./drafter.port";
import { ModelDraftSchema } from "./model.schema";
import { jsonSchemaFormat, OpenAIChat } from "./openai.client";
import { buildPrompt } from "./prompt";

export const MODEL_TIMEOUT_MS = 30_000;

export class ModelError extends UpstreamError {
  override name = "ModelError";
}

function retryAfter(headers: Headers | undefined): number | null {
  const ms = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const s = Number(headers?.get("retry-after"));
  return Number.isFinite(s) && s > 0 ? s * 1000 : null;
}

export class OpenAIDrafter implements Drafter {
  readonly name = "openai";
  private readonly client: OpenAIChat;

  constructor(
    opts: { apiKey: string; baseUrl?: string | undefined; model: string },
    timeoutMs = MODEL_TIMEOUT_MS,
  ) {
    // No retries here: the queue retries with backoff, so a failure is never hidden.
    this.client = new OpenAIChat({ apiKey: opts.apiKey, baseUrl: opts.baseUrl, timeoutMs });
    this.model = opts.model;
  }
  private readonly model: string;

  async draft(req: DraftRequest): Promise<DraftProposal> {
    const prompt = buildPrompt(req);
    let parsed: ParsedChatCompletion<unknown>;
    try {
      parsed = await this.client.parse({
        model: this.model,
        temperature: 0.2,
        messages: [
          { role: "system", content: prompt.system },
          { role: "user", content: prompt.user },
        ],
        response_format: jsonSchemaFormat(ModelDraftSchema, "draft"),
      });
    } catch (e) {
      const failure = toModelError(e);
      if (failure) throw failure;
      // Not a wire failure: the answer itself could not be read (not JSON, wrong shape).
      return { kind: "invalid", reason: "The model's answer was not valid JSON for the reply schema." };
    }
    const message = parsed.choices[0]?.message;
    if (!message) return { kind: "invalid", reason: "The model returned no answer." };
    if (message.refusal)
      return { kind: "invalid", reason: `The model refused: ${message.refusal.slice(0, 200)}` };
    const out = ModelDraftSchema.safeParse(message.parsed);
    if (!out.success)
      return { kind: "invalid", reason: "The model's answer did not match the reply schema." };
    const d = out.data;
    if (d.action === "no_answer")
      return { kind: "no_answer", reason: d.reason || "The model found no answer in the KB." };
    if (d.action === "escalate")
      return { kind: "escalate", reason: d.reason || "The model asked for a person." };
    return { kind: "reply", body: d.reply, citations: d.citations };
  }
}

/** Wire failures become ModelErrors; anything else is an answer we could not parse. */
export function toModelError(e: unknown): ModelError | null {
  if (e instanceof APIConnectionTimeoutError) return new ModelError("The model timed out", true);
  if (e instanceof APIConnectionError) return new ModelError("The model could not be reached", true);
  if (e instanceof APIError) {
    const status = e.status ?? null;
    const retryable =
      status === 429 || status === 408 || status === 409 || (status !== null && status >= 500);
    return new ModelError(`The model answered ${status}`, retryable, status, retryAfter(e.headers));
  }
  return null;
}
