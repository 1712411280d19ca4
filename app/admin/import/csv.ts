// A small RFC 4180 CSV reader for imports: quoted fields, "" inside quotes, CRLF or LF, a BOM,
// and the delimiter spreadsheets use (comma, or semicolon in many European locales, or tab).
// Pure: no DOM, no I/O. Returns an error value for a quote left open; never throws.

export type CsvResult = { ok: true; records: string[][] } | { ok: false; line: number };

/** The delimiter that splits the header line most often, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

export function parseCsv(
  input: string,
  delimiter = detectDelimiter(input.replace(/^\uFEFF/, "")),
): CsvResult {
  const text = input.replace(/^\uFEFF/, "");
  const records: string[][] = [];
  let record: string[] = [];
  let value = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const endRecord = () => {
    record.push(value);
    // A blank line is no record.
    if (record.length > 1 || record[0] !== "") records.push(record);
    record = [];
    value = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        value += ch;
      }
    } else if (ch === '"' && value === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      record.push(value);
      value = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
    } else value += ch;
  }
  if (quoted) return { ok: false, line: quoteLine };
  if (value !== "" || record.length > 0) endRecord();
  return { ok: true, records };
}
