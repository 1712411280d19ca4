// Imports without a DOM: the CSV reader (quotes, line ends, a BOM, European semicolons), the file
// turned into the Worker's rows like its own CSV import, and the chunked run whose progress and
// refused rows count from the top of the file.
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../../app/admin/import/csv";
import { ImportController } from "../../../../app/admin/import/import.controller";
import { chunks, rowsFromFile } from "../../../../app/admin/import/import.rows";
import { failed, fakeEntries, ok } from "./support";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, CRLF and LF, and skips blank lines", () => {
    const text = '\uFEFFquestion,answer\r\n"Hi, there","She said ""yes""\nand left"\r\n\r\nplain,row\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      records: [
        ["question", "answer"],
        ["Hi, there", 'She said "yes"\nand left'],
        ["plain", "row"],
      ],
    });
  });

  it("takes the delimiter the header uses", () => {
    expect(parseCsv("question;answer\nA, B;C")).toEqual({
      ok: true,
      records: [
        ["question", "answer"],
        ["A, B", "C"],
      ],
    });
    expect(parseCsv("question\tanswer\nA\tB")).toEqual({
      ok: true,
      records: [
        ["question", "answer"],
        ["A", "B"],
      ],
    });
  });

  it("names the line of a quote left open", () => {
    expect(parseCsv('a,b\n1,2\n"open,3\n4,5')).toEqual({ ok: false, line: 3 });
  });
});

describe("rowsFromFile", () => {
  it("maps KB CSV rows like the Worker: topics on ; or |, status only when given", () => {
    const csv = "Question,Answer,Topics,Status\nWhere?,Here.,a;b|c,\nWhen?,Now.,,pending_review";
    expect(rowsFromFile("kb", "kb.csv", csv)).toEqual({
      ok: true,
      rows: [
        { question: "Where?", answer: "Here.", topics: ["a", "b", "c"] },
        { question: "When?", answer: "Now.", topics: [], status: "pending_review" },
      ],
    });
  });

  it("maps policy CSV rows, the rule column by any of its names", () => {
    const csv = "topic,rule_text,action,keywords\nLegal,Escalate.,ESCALATE,lawyer;court";
    expect(rowsFromFile("policy", "p.csv", csv)).toEqual({
      ok: true,
      rows: [
        {
          topic: "Legal",
          ruleText: "Escalate.",
          action: "escalate",
          conditions: { keywords: ["lawyer", "court"] },
        },
      ],
    });
  });

  it("takes JSON as an array or {items}, by name or by its first character", () => {
    expect(rowsFromFile("kb", "kb.json", '[{"question":"x"}]')).toEqual({
      ok: true,
      rows: [{ question: "x" }],
    });
    expect(rowsFromFile("kb", "export", '{"items":[1,2]}')).toEqual({ ok: true, rows: [1, 2] });
  });

  it("refuses a file it cannot use, saying why", () => {
    expect(rowsFromFile("kb", "kb.csv", "   ")).toEqual({ ok: false, error: "import.error.empty" });
    expect(rowsFromFile("kb", "kb.csv", "question\nonly")).toEqual({
      ok: false,
      error: "import.error.columns",
      params: { columns: "answer" },
    });
    expect(rowsFromFile("kb", "kb.json", "{nope")).toEqual({ ok: false, error: "import.error.json" });
    expect(rowsFromFile("kb", "kb.json", '{"rows":[]}')).toEqual({
      ok: false,
      error: "import.error.json_shape",
    });
    expect(rowsFromFile("kb", "kb.json", JSON.stringify(Array(5001).fill({})))).toMatchObject({
      ok: false,
      error: "import.error.too_many",
    });
  });

  it("cuts rows into chunks", () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe("ImportController", () => {
  const csv = [
    "question,answer",
    ...Array.from({ length: 7 }, (_, i) => (i === 4 ? ",no question" : `Q${i + 1}?,A${i + 1}.`)),
  ].join("\n");

  it("sends chunks, advances the progress, and numbers refused rows from the top of the file", async () => {
    const sent: unknown[][] = [];
    const progress: number[] = [];
    let imported = 0;
    const importer = new ImportController(
      fakeEntries("kb", {
        importRows: async (rows) => {
          sent.push(rows);
          const errors = rows.flatMap((r, i) =>
            (r as { question?: string }).question ? [] : [{ row: i + 1, error: "question: too short" }],
          );
          return ok({ imported: rows.length - errors.length, errors });
        },
      }),
      () => imported++,
      3,
    );
    importer.subscribe((s) => progress.push(s.sent));
    importer.choose("kb.csv", csv);
    expect(importer.state).toMatchObject({ phase: "ready", total: 7, fileName: "kb.csv" });
    await importer.run();
    expect(sent.map((c) => c.length)).toEqual([3, 3, 1]);
    expect([...new Set(progress)]).toEqual([0, 3, 6, 7]);
    expect(importer.state).toMatchObject({
      phase: "done",
      imported: 6,
      errors: [{ row: 5, error: "question: too short" }],
    });
    expect(imported).toBe(1);
  });

  it("stops at a chunk the Worker could not take, keeping what went in", async () => {
    let calls = 0;
    const importer = new ImportController(
      fakeEntries("kb", {
        importRows: async (rows) =>
          ++calls === 1 ? ok({ imported: rows.length, errors: [] }) : failed("worker_down", 502),
      }),
      () => undefined,
      3,
    );
    importer.choose("kb.csv", csv);
    await importer.run();
    expect(importer.state).toMatchObject({
      phase: "failed",
      sent: 3,
      imported: 3,
      failure: { kind: "worker_down" },
    });
  });

  it("says what is wrong with the file, and starts nothing", async () => {
    const importer = new ImportController(fakeEntries("policy", {}), () => undefined);
    importer.choose("p.csv", "topic\nLegal");
    expect(importer.state).toMatchObject({
      phase: "idle",
      fileError: { key: "import.error.columns", params: { columns: "rule, action" } },
    });
    await importer.run();
    importer.reset();
    expect(importer.state.fileName).toBeNull();
  });
});
