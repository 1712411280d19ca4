// Part 3: fuzzed webhook bodies and every /api route fuzzed (fuzz.webhooks.ts, fuzz.api.ts), against
// the third account; then that account's admin disconnects it (DELETE /api/installation, the one route
// the fuzzer leaves out) and its secret and webhook must stop working.
import { deliveryHeaders } from "./deliver.ts";
import { type ApiFuzzResult, apiCases, sendApiCase } from "./fuzz.api.ts";
import { sendWebhookCase, type WebhookFuzzResult, webhookCases } from "./fuzz.webhooks.ts";
import { type PartReport, seconds } from "./report.ts";
import { Tally } from "./tally.ts";
import { type RunContext, tallyFailures, tallyLine } from "./verdict.ts";

/** Runs `fn` over `items`, `concurrency` at a time. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const histogram = (counts: Map<number, number>) =>
  [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");

export async function runPart3(ctx: RunContext): Promise<PartReport> {
  const { stack, settings, log } = ctx;
  const cfg = settings.part3;
  const started = Date.now();
  const account = stack.fuzz;
  const worker = stack.worker.origin;

  const hooks = new Tally();
  const hookResult: WebhookFuzzResult = { byKind: new Map(), unexpected: [] };
  const cases = webhookCases(account, cfg.webhookBodies, settings.seed + 3);
  await pool(cases, 12, (c) => sendWebhookCase(worker, account, c, hooks, hookResult));
  const hooksDone = Date.now();
  log(`part 3: ${cases.length} fuzzed webhook deliveries in ${seconds(hooksDone - started)}`);

  const api = new Tally();
  const apiResult: ApiFuzzResult = { byRoute: new Map(), unexpected: [] };
  const requests = apiCases(account, cfg.apiRequests, settings.seed + 4);
  await pool(requests, 12, (c) => sendApiCase(worker, account, c, api, apiResult));
  const apiDone = Date.now();
  log(`part 3: ${requests.length} fuzzed /api requests in ${seconds(apiDone - hooksDone)}`);

  // The admin disconnects: the secret and the webhook stop working at once.
  const closing = new Tally();
  const bearer = { authorization: `Bearer ${account.secret}` };
  const deleted = await closing.fetch("DELETE /api/installation", `${worker}/api/installation`, {
    method: "DELETE",
    headers: bearer,
  });
  const after = await closing.fetch("GET /api/installation", `${worker}/api/installation`, {
    headers: bearer,
  });
  const body = new TextEncoder().encode("{}");
  const hook = await closing.fetch("POST webhook after disconnect", account.webhook.url, {
    method: "POST",
    headers: deliveryHeaders(account, body),
    body,
  });
  const failures = [
    ...tallyFailures("fuzzed webhooks", hooks),
    ...tallyFailures("fuzzed /api", api),
    ...tallyFailures("disconnect", closing),
  ];
  if (hookResult.unexpected.length)
    failures.push(
      `webhook answers outside what the case allows ×${hookResult.unexpected.length} (${hookResult.unexpected.slice(0, 3).join("; ")})`,
    );
  if (apiResult.unexpected.length)
    failures.push(
      `/api answers without a valid secret ×${apiResult.unexpected.length} (${apiResult.unexpected.slice(0, 3).join("; ")})`,
    );
  if (deleted.status !== 200 || after.status !== 401 || hook.status !== 401)
    failures.push(
      `disconnect: DELETE ${deleted.status}, then GET with its secret ${after.status}, its webhook ${hook.status} (want 200, 401, 401)`,
    );
  const kinds = [...hookResult.byKind.entries()].sort(([a], [b]) => a.localeCompare(b));
  const routes = [...apiResult.byRoute.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    name: "3. Fuzzed webhooks and /api",
    durationMs: Date.now() - started,
    lines: [
      tallyLine(`${cases.length} fuzzed webhook deliveries`, hooks),
      ...kinds.map(([k, counts]) => `  webhook ${k}: ${histogram(counts)}`),
      tallyLine(
        `${requests.length} fuzzed /api and /connect requests on ${routes.length} route×secret kinds`,
        api,
      ),
      ...routes.map(([k, counts]) => `  ${k}: ${histogram(counts)}`),
      `disconnect at the end: DELETE ${deleted.status}, its secret then ${after.status}, its webhook ${hook.status}`,
    ],
    failures,
  };
}
