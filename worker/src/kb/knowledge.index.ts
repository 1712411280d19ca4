// The retrieval port: approved KB entries that may answer a text.
import { type KbCandidate, searchApprovedKb } from "./kb.search";

export interface KnowledgeIndex {
  search(text: string, opts: { language?: string; limit?: number }): Promise<KbCandidate[]>;
}

export class D1KnowledgeIndex implements KnowledgeIndex {
  constructor(private readonly db: D1Database) {}
  search(text: string, opts: { language?: string; limit?: number }): Promise<KbCandidate[]> {
    return searchApprovedKb(this.db, text, opts);
  }
}
