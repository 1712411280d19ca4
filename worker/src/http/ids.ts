// Ids and numbers in URLs: decimal digits only. `0x10`, `1e1`, `+5`, `1.0` are
// not ids (JavaScript would read them as numbers): a path id that is not one is
// `404`, a query number that is not one is `400`.
import * as z from "zod";
import { notFound } from "./errors";

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/;

/** A positive whole number below 2^53, written in decimal digits, or null. */
export function decimalId(raw: string | undefined): number | null {
  if (raw === undefined || !DECIMAL_ID.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

/** A path id; anything else names no resource. */
export function pathId(raw: string | undefined, what: string): number {
  const id = decimalId(raw);
  if (id === null) throw notFound(what);
  return id;
}

/** A whole number from the query string, decimal digits only, within [min, max]. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,16}$/, "must be written in decimal digits")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
