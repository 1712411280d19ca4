// The Worker bundle stays small (docs/decisions/008-bundles.md): built as `wrangler deploy` builds it
// (scripts/worker-size.ts), gzipped as wrangler counts it, within its budget; and what was taken out
// stays out, so a regression names its cause rather than only a number.
import { beforeAll, describe, expect, it } from "vitest";
import { measureWorker, partOf, WORKER_BUDGET_BYTES, type WorkerSize } from "../../scripts/worker-size";

let size: WorkerSize;
beforeAll(() => {
  size = measureWorker();
});

const has = (pattern: RegExp) => size.inputs.filter((input) => pattern.test(input));

describe("the Worker bundle", () => {
  it(`stays within ${WORKER_BUDGET_BYTES / 1024} KiB gzipped, minified`, () => {
    expect(size.minify).toBe(true);
    expect(size.gzip).toBeGreaterThan(50 * 1024); // it is the Worker, not an empty build
    expect(size.gzip, `${(size.gzip / 1024).toFixed(1)} KiB`).toBeLessThanOrEqual(WORKER_BUDGET_BYTES);
  });

  it("has no openai client class and none of its API resources (one endpoint is used, over fetch)", () => {
    expect(has(/node_modules\/openai\/(client|index|resources)\b/)).toEqual([]);
    expect(has(/node_modules\/openai\//).length).toBeLessThan(10);
  });

  it("has one zod: no v3 and no JSON Schema converter but zod's own", () => {
    expect(has(/node_modules\/zod\/v3\//)).toEqual([]);
    expect(has(/zod-to-json-schema|openai\/helpers/)).toEqual([]);
  });

  it("lists its parts, biggest first, adding up to the bundle", () => {
    const total = size.parts.reduce((sum, p) => sum + p.bytes, 0);
    expect(total).toBeLessThanOrEqual(size.raw);
    expect(total).toBeGreaterThan(size.raw * 0.95);
    expect(size.parts.map((p) => p.bytes)).toEqual(size.parts.map((p) => p.bytes).sort((a, b) => b - a));
  });
});

describe("partOf", () => {
  it("names a package with up to two directories, or an area of our code", () => {
    expect(partOf("node_modules/zod/v4/locales/de.js")).toBe("zod/v4/locales");
    expect(partOf("node_modules/@orama/stemmers/dist/fr.js")).toBe("@orama/stemmers/dist");
    expect(partOf("node_modules/papaparse/papaparse.min.js")).toBe("papaparse");
    expect(partOf("node_modules/hono/dist/router/reg-exp-router/router.js")).toBe("hono/dist/router");
    expect(partOf("worker/src/drafting/prompt.ts")).toBe("worker/src/drafting");
    expect(partOf("worker/src/index.ts")).toBe("worker/src/index.ts");
    expect(partOf("common/api.schema.ts")).toBe("common/api.schema.ts");
  });
});
