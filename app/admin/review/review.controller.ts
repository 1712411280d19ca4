// The Pending review tab without a DOM: loads the learning loop's KB and policy proposals,
// approves one (as proposed or edited), rejects one with an optional reason, and keeps the
// waiting count the tab shows. Must never touch the DOM or ZAF.
import type { AdminApi } from "../../api/admin-api";
import type { ApiError } from "../../api/errors";
import type { ApiResult } from "../../api/worker-api";
import { kbInput, policyInput } from "../entries/entry-form";
import { type FieldErrors, type Fields, Store } from "../store";
import { type Proposal, proposalsFrom, waitingCount } from "./review.view-model";

/** The learning loop proposes a handful a day; more than this still counts right. */
const PAGE = 200;

export interface ReviewState {
  phase: "idle" | "loading" | "ready" | "failed";
  proposals: Proposal[];
  /** Proposals waiting (the tab's number); null until first known. */
  count: number | null;
  loadError: ApiError | null;
  /** The proposal an action runs on. */
  busy: string | null;
  editing: string | null;
  formErrors: FieldErrors;
  rejecting: string | null;
  failure: { key: string; error: ApiError } | null;
  /** What just happened, for the polite live region. */
  announcement: { action: "approved" | "rejected"; key: string } | null;
}

export class ReviewController extends Store<ReviewState> {
  private readonly api: AdminApi;
  private loads = 0;

  constructor(api: AdminApi) {
    super({
      phase: "idle",
      proposals: [],
      count: null,
      loadError: null,
      busy: null,
      editing: null,
      formErrors: {},
      rejecting: null,
      failure: null,
      announcement: null,
    });
    this.api = api;
  }

  async load(): Promise<void> {
    const run = ++this.loads;
    if (this.state.phase !== "ready") this.set({ phase: "loading" });
    const query = { status: "pending_review", sourceType: "learning_loop", limit: PAGE, offset: 0 } as const;
    const [kb, policies] = await Promise.all([this.api.kb.list(query), this.api.policies.list(query)]);
    if (run !== this.loads) return; // a newer load answers instead
    if (!kb.ok || !policies.ok) {
      const error = !kb.ok ? kb.error : !policies.ok ? policies.error : null;
      this.set({ phase: this.state.phase === "ready" ? "ready" : "failed", loadError: error });
      return;
    }
    this.set({
      phase: "ready",
      loadError: null,
      proposals: proposalsFrom(kb.value.items, policies.value.items),
      count:
        waitingCount(kb.value.items, kb.value.total) +
        waitingCount(policies.value.items, policies.value.total),
    });
  }

  startEdit(key: string) {
    this.set({ editing: key, rejecting: null, formErrors: {}, failure: null });
  }

  startReject(key: string) {
    this.set({ rejecting: key, editing: null, failure: null });
  }

  cancel() {
    this.set({ editing: null, rejecting: null, formErrors: {} });
  }

  approve(p: Proposal): Promise<void> {
    return this.decide(p, "approved", () =>
      p.kind === "kb" ? this.api.kb.approve(p.entry.id) : this.api.policies.approve(p.entry.id),
    );
  }

  /** Approves with the admin's edits; a form that does not check out stays open with its errors. */
  approveEdited(p: Proposal, fields: Fields): Promise<void> {
    const checked = p.kind === "kb" ? kbInput(fields) : policyInput(fields);
    if (!checked.ok) {
      this.set({ formErrors: checked.errors });
      return Promise.resolve();
    }
    const { status: _ignored, ...edits } = checked.value;
    return this.decide(p, "approved", () =>
      p.kind === "kb" ? this.api.kb.approve(p.entry.id, edits) : this.api.policies.approve(p.entry.id, edits),
    );
  }

  reject(p: Proposal, reason: string): Promise<void> {
    const why = reason.trim().slice(0, 2_000) || undefined;
    return this.decide(p, "rejected", () =>
      p.kind === "kb" ? this.api.kb.reject(p.entry.id, why) : this.api.policies.reject(p.entry.id, why),
    );
  }

  private async decide(
    p: Proposal,
    action: "approved" | "rejected",
    run: () => Promise<ApiResult<unknown>>,
  ): Promise<void> {
    if (this.state.busy) return;
    this.set({ busy: p.key, failure: null, announcement: null });
    const result = await run();
    if (!result.ok) {
      // Someone else decided it first (404/409): the list is stale, read it again.
      if (result.error.kind === "not_found" || result.error.kind === "conflict") void this.load();
      this.set({ busy: null, failure: { key: p.key, error: result.error } });
      return;
    }
    this.set({
      busy: null,
      editing: null,
      rejecting: null,
      formErrors: {},
      proposals: this.state.proposals.filter((x) => x.key !== p.key),
      count: Math.max(0, (this.state.count ?? 1) - 1),
      announcement: { action, key: p.key },
    });
  }
}
