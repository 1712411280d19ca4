// The offline drafter behind the model port: the best approved KB answer word
// for word, or no answer. Used whenever no OPENAI_API_KEY is set.
import type { DraftProposal, DraftRequest, Drafter } from "./drafter.port";
import { offlineDraft } from "./offline.drafter";

export class OfflineDrafter implements Drafter {
  readonly name = "offline";
  readonly deterministic = true;

  async draft(req: DraftRequest): Promise<DraftProposal> {
    const r = offlineDraft({
      message: req.question,
      customerName: req.customerName,
      candidates: req.candidates,
    });
    switch (r.kind) {
      case "reply":
        return { kind: "reply", body: r.body, citations: r.citations };
      case "human_requested":
        return { kind: "human_requested", reason: r.reason };
      case "no_match":
        return { kind: "no_answer", reason: r.reason, closest: r.closest };
    }
  }
}
