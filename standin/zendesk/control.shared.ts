// What every control route shares: its context (one account, plus the server's global OAuth clients), the route
// type, and parsing a JSON body with zod into a value or a `400 {error}`.

import { z } from "zod";
import type { Account } from "./account.ts";
import { json, parseJson, type Route, type StandinRequest, type StandinResponse } from "./http.ts";
import type { OAuthClient } from "./oauth.model.ts";

export type ControlContext = {
  account: Account;
  /** Registers a global client (`zdg-...`): it then works on every account. */
  addGlobalClient(client: OAuthClient): void;
  /** `{origin}` or `{origin}/{subdomain}`: where this account's API answers. */
  base: string;
};
export type ControlRoute = Route<ControlContext>;

export const Id = z.coerce.number().int().positive();
export const Role = z.enum(["end-user", "agent", "admin"]);

type Parsed<T> = { ok: true; value: T } | { ok: false; response: StandinResponse };

export function parse<T>(req: StandinRequest, schema: z.ZodType<T>): Parsed<T> {
  const raw = parseJson(req.body);
  if (!raw.ok) return raw;
  const result = schema.safeParse(raw.value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: json(400, { error: z.prettifyError(result.error) }) };
}

export function optionalNumber(value: string | null): number | undefined {
  return value === null || value === "" ? undefined : Number(value);
}

export function filterOf(url: URL): { ticketId?: number; since?: number } {
  return {
    ticketId: optionalNumber(url.searchParams.get("ticketId")),
    since: optionalNumber(url.searchParams.get("since")),
  };
}
