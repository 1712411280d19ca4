// JSON Schema as structured outputs treats it: which schemas `strict: true` refuses, and how an answer is
// bent to fit the requested schema (OpenAI guarantees conformance under strict). Pure.

import { isRecord } from "./http.ts";

/** The first reason OpenAI would refuse this schema under `strict: true`, or null. */
export function strictSchemaProblem(schema: Record<string, unknown>): string | null {
  if (schema.type !== "object") return "In context=(), schema must be a JSON Schema of 'type: \"object\"'.";
  return walk(schema, []);
}

function walk(node: unknown, context: string[]): string | null {
  if (!isRecord(node)) return null;
  const where = `In context=(${context.map((c) => `'${c}'`).join(", ")})`;
  if (isRecord(node.properties)) {
    if (node.additionalProperties !== false) {
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = Object.keys(node.properties).find((key) => !required.includes(key));
    if (missing !== undefined) {
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
    for (const [key, child] of Object.entries(node.properties)) {
      const problem = walk(child, [...context, "properties", key]);
      if (problem) return problem;
    }
  }
  for (const key of ["items", "$defs", "definitions", "anyOf"] as const) {
    const child = node[key];
    const children = Array.isArray(child)
      ? child
      : isRecord(child) && key !== "items"
        ? Object.values(child)
        : [child];
    for (const [i, c] of children.entries()) {
      const problem = walk(c, [...context, key, ...(children.length > 1 ? [String(i)] : [])]);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * Keeps the keys the schema lists (filling missing ones with a blank of the right type) and drops the rest,
 * so a brain that knows only the draft shape still answers a schema that grew a field. Enums fall back to
 * their first value. `$ref` and unions are left alone.
 */
export function conform(value: unknown, schema: unknown): unknown {
  if (!isRecord(schema)) return value;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum.includes(value) ? value : schema.enum[0];
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" && isRecord(schema.properties)) {
    const source = isRecord(value) ? value : {};
    return Object.fromEntries(
      Object.entries(schema.properties).map(([key, child]) => [key, conform(source[key], child)]),
    );
  }
  if (type === "array") return Array.isArray(value) ? value.map((v) => conform(v, schema.items)) : [];
  if (value !== undefined) return value;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return null;
  return type === "string"
    ? ""
    : type === "number" || type === "integer"
      ? 0
      : type === "boolean"
        ? false
        : null;
}
