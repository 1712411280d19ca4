// The sidebar's runtime for the part of zod's API that common/*.schema.ts use: the
// build aliases "zod" to this file for the browser bundle only (zod itself is ~27 KB
// gzipped, over the sidebar's whole budget). Must never be used by the Worker or change
// a parse result: test/unit/app/zod-lite.test.ts runs every shared schema through both.
// An unsupported zod call fails loudly at load time ("z.x is not a function").

type Path = (string | number)[];
export type Issue = { path: Path; message: string };
type Run = (value: unknown, path: Path, issues: Issue[]) => unknown;
type Step = (value: never) => unknown;

const FAILED = Symbol("failed");

export class Schema {
  readonly run: Run;
  /** Set by `default()`: an absent value still goes to this schema (zod 4 keeps it under `optional()`). */
  readonly fillsAbsent: boolean;
  constructor(run: Run, fillsAbsent = false) {
    this.run = run;
    this.fillsAbsent = fillsAbsent;
  }
  safeParse(input: unknown) {
    const issues: Issue[] = [];
    const data = this.run(input, [], issues);
    if (issues.length === 0) return { success: true as const, data };
    const message = issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { success: false as const, error: { issues, message } };
  }
  parse(input: unknown): unknown {
    const result = this.safeParse(input);
    if (!result.success) throw new Error(result.error.message);
    return result.data;
  }
  nullable(): Schema {
    return new Schema((v, p, i) => (v === null ? null : this.run(v, p, i)), this.fillsAbsent);
  }
  optional(): Schema {
    if (this.fillsAbsent) return this;
    return new Schema((v, p, i) => (v === undefined ? undefined : this.run(v, p, i)));
  }
  /** Like zod 4: an absent value becomes the default as is, without parsing it. */
  default(fallback: unknown): Schema {
    return new Schema((v, p, i) => (v === undefined ? fallback : this.run(v, p, i)), true);
  }
}

/** A scalar: a type test, then checks and transforms in the order they were chained (as zod runs them). */
class Leaf extends Schema {
  private readonly spec: [
    test: (v: unknown) => boolean,
    what: string,
    steps: Step[],
    prepare: (v: unknown) => unknown,
  ];
  constructor(test: (v: unknown) => boolean, what: string, steps: Step[] = [], prepare = (v: unknown) => v) {
    super((raw, path, issues) => {
      let v = prepare(raw);
      if (!test(v)) {
        issues.push({ path, message: `expected ${what}` });
        return v;
      }
      for (const step of steps) {
        const out = step(v as never);
        if (out === FAILED) issues.push({ path, message: `invalid ${what}` });
        else v = out;
      }
      return v;
    });
    this.spec = [test, what, steps, prepare];
  }
  private add(step: Step): Leaf {
    const [test, what, steps, prepare] = this.spec;
    return new Leaf(test, what, [...steps, step], prepare);
  }
  min(n: number) {
    return this.add((v: number | string) => ((typeof v === "number" ? v : v.length) >= n ? v : FAILED));
  }
  max(n: number) {
    return this.add((v: number | string) => ((typeof v === "number" ? v : v.length) <= n ? v : FAILED));
  }
  trim() {
    return this.add((v: string) => v.trim());
  }
  int() {
    return this.add((v: number) => (Number.isSafeInteger(v) ? v : FAILED));
  }
  positive() {
    return this.add((v: number) => (v > 0 ? v : FAILED));
  }
}

class ArraySchema extends Schema {
  private readonly spec: [item: Schema, min: number, max: number];
  constructor(item: Schema, min = 0, max = Number.POSITIVE_INFINITY) {
    super((v, path, issues) => {
      if (!Array.isArray(v)) {
        issues.push({ path, message: "expected array" });
        return v;
      }
      if (v.length < min || v.length > max) issues.push({ path, message: "array size" });
      return v.map((x, i) => item.run(x, [...path, i], issues));
    });
    this.spec = [item, min, max];
  }
  min(n: number) {
    return new ArraySchema(this.spec[0], n, this.spec[2]);
  }
  max(n: number) {
    return new ArraySchema(this.spec[0], this.spec[1], n);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Unknown keys are dropped, as zod's default object does. */
class ObjectSchema extends Schema {
  readonly shape: Record<string, Schema>;
  constructor(shape: Record<string, Schema>) {
    super((v, path, issues) => {
      if (!isObject(v)) {
        issues.push({ path, message: "expected object" });
        return v;
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const parsed = schema.run(v[key], [...path, key], issues);
        if (key in v || parsed !== undefined) out[key] = parsed;
      }
      return out;
    });
    this.shape = shape;
  }
  partial(): ObjectSchema {
    return new ObjectSchema(
      Object.fromEntries(Object.entries(this.shape).map(([k, s]) => [k, s.optional()])),
    );
  }
}

/** String keys only (what JSON holds); `__proto__` is skipped as zod skips it. */
export class RecordSchema extends Schema {
  constructor(key: Schema, value: Schema) {
    super((v, path, issues) => {
      if (!isObject(v)) {
        issues.push({ path, message: "expected record" });
        return v;
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        if (k === "__proto__") continue;
        const keyIssues: Issue[] = [];
        const parsedKey = key.run(k, [...path, k], keyIssues);
        if (keyIssues.length) {
          issues.push({ path: [...path, k], message: "invalid key" });
          continue;
        }
        out[String(parsedKey)] = value.run(v[k], [...path, k], issues);
      }
      return out;
    });
  }
}

const isNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);

export const z = {
  string: () => new Leaf((v) => typeof v === "string", "string"),
  number: () => new Leaf(isNumber, "number"),
  boolean: () => new Leaf((v) => typeof v === "boolean", "boolean"),
  enum: (values: readonly string[]) =>
    Object.assign(new Leaf((v) => values.includes(v as string), values.join(" | ")), { options: values }),
  object: (shape: Record<string, Schema>) => new ObjectSchema(shape),
  array: (item: Schema) => new ArraySchema(item),
  record: (key: Schema, value: Schema) => new RecordSchema(key, value),
  coerce: { number: () => new Leaf(isNumber, "number", [], Number) },
};

// The same functions as named exports, for `import * as z from "zod"` (how common/ imports zod: it lets
// the Worker's bundler drop the parts of zod it does not use; docs/decisions/008-bundles.md).
export const { string, number, boolean, object, array, record, coerce } = z;
const zEnum = z.enum;
export { zEnum as enum };
