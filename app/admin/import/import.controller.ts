// An import without a DOM: reads the chosen file into rows, sends them to the Worker in
// chunks, advances the progress after each, and lists the refused rows by their number in the
// file. Stops at the first chunk the Worker could not take, saying how far it got.
import type { EntriesApi } from "../../api/admin-api";
import type { ApiError } from "../../api/errors";
import { Store } from "../store";
import { chunks, rowsFromFile } from "./import.rows";

export const CHUNK_ROWS = 50;

export interface ImportState {
  phase: "idle" | "ready" | "running" | "done" | "failed";
  fileName: string | null;
  /** Rows read from the file. */
  total: number;
  /** A file the admin must fix first, as a translation key and its parameters. */
  fileError: { key: string; params?: Record<string, string | number> } | null;
  sent: number;
  imported: number;
  errors: { row: number; error: string }[];
  /** The Worker failed part way: what it said (rows before `sent` are in). */
  failure: ApiError | null;
}

const initial: ImportState = {
  phase: "idle",
  fileName: null,
  total: 0,
  fileError: null,
  sent: 0,
  imported: 0,
  errors: [],
  failure: null,
};

export class ImportController extends Store<ImportState> {
  private readonly api: EntriesApi<unknown>;
  private readonly chunkRows: number;
  private readonly onImported: () => void;
  private rows: unknown[] = [];

  constructor(api: EntriesApi<unknown>, onImported: () => void, chunkRows = CHUNK_ROWS) {
    super(initial);
    this.api = api;
    this.onImported = onImported;
    this.chunkRows = chunkRows;
  }

  choose(fileName: string, text: string) {
    if (this.state.phase === "running") return;
    const result = rowsFromFile(this.api.kind, fileName, text);
    this.rows = result.ok ? result.rows : [];
    this.set({
      ...initial,
      fileName,
      phase: result.ok ? "ready" : "idle",
      total: this.rows.length,
      fileError: result.ok
        ? null
        : { key: result.error, ...(result.params ? { params: result.params } : {}) },
    });
  }

  async run(): Promise<void> {
    if (this.state.phase !== "ready") return;
    this.set({ phase: "running", sent: 0, imported: 0, errors: [], failure: null });
    let offset = 0;
    for (const chunk of chunks(this.rows, this.chunkRows)) {
      const result = await this.api.importRows(chunk);
      if (!result.ok) {
        this.set({ phase: "failed", failure: result.error });
        if (this.state.imported > 0) this.onImported();
        return;
      }
      const base = offset;
      offset += chunk.length;
      this.set({
        sent: offset,
        imported: this.state.imported + result.value.imported,
        errors: [...this.state.errors, ...result.value.errors.map((e) => ({ ...e, row: e.row + base }))],
      });
    }
    this.set({ phase: "done" });
    if (this.state.imported > 0) this.onImported();
  }

  reset() {
    if (this.state.phase === "running") return;
    this.rows = [];
    this.set(initial);
  }
}
