// Helpers for the model path: the OpenAI stand-in's control API, reached over
// loopback from inside workerd like the Zendesk stand-in.
import { env } from "cloudflare:workers";

const origin = () => env.OPENAI_BASE_URL.replace(/\/v1$/, "");

export async function model(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${origin()}/__standin${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`model stand-in ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** How many completions the model was asked for whose prompt contains `match`. */
export async function modelCalls(match: string): Promise<{ status: number }[]> {
  return (await model("GET", `/requests?match=${encodeURIComponent(match)}`)) as { status: number }[];
}

/** A customer message the stand-in answers with the given brain, tagged so tests can find its requests. */
export const brain = (name: "grounded" | "sloppy" | "obedient" | "broken", text: string) =>
  `${text} [[standin:brain=${name}]]`;
