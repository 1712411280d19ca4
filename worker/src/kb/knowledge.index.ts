// The retrieval port: KB entries of one installation that may answer a text
// (approved ones only, unless the learning loop asks about proposals too).
import type { EntryStatus } from "../../../common/api.schema";
import type { Scope } from "../lib/scope";
import type { Query } from "../lib/query";
import { type KbCandidate, searchKb, searchKbQuery } from "./kb.search";

export interface SearchOptions {
  language?: string;
  limit?: number;
  /** Default: approved entries only, the only ones the AI may use. */
  statuses?: readonly EntryStatus[];
  /** Entries searched whatever their status (the learning loop's replay of a proposal). */
  include?: readonly number[];
}

export interface KnowledgeIndex {
  search(text: string, opts: SearchOptions): Promise<KbCandidate[]>;
  /** The same search as a read for a caller's batch (null: no words to search), where it can be one. */
  searchQuery?(text: string, opts: SearchOptions): Query<KbCandidate[]> | null;
}

export class D1KnowledgeIndex implements KnowledgeIndex {
  constructor(private readonly scope: Scope) {}
  search(text: string, opts: SearchOptions): Promise<KbCandidate[]> {
    return searchKb(this.scope, text, this.options(opts));
  }
  searchQuery(text: string, opts: SearchOptions): Query<KbCandidate[]> | null {
    return searchKbQuery(this.scope, text, this.options(opts));
  }
  private options(opts: SearchOptions) {
    return { ...opts, statuses: opts.statuses ?? ["approved"], include: opts.include ?? [] };
  }
}
