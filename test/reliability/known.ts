// Product bugs this run found and that are reported, not fixed here: they live outside the files the run's
// author could change (worker/src/helpdesk/zendesk/zendesk.client.ts, drafting/send.protocol.ts). A
// violation on a ticket where the named fault was served is shown as an EXPECTED FAILURE and does not fail
// the run; `--strict` (or RELIABILITY_STRICT=1) counts it. Remove an entry once the product is fixed: the
// run then says the bug no longer shows. See docs/reliability.md, "Found".
import type { FaultKind } from "./faults.ts";
import type { ViolationKind } from "./judge.ts";

export interface KnownBug {
  id: string;
  fault: FaultKind;
  kinds: readonly ViolationKind[];
  summary: string;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    id: "garbled-write",
    fault: "zendesk_garbled_write",
    kinds: [
      "unrecorded_ai_comment",
      "answered_twice",
      "more_replies_than_messages",
      "answered_but_recorded_otherwise",
    ],
    summary:
      "Zendesk applied the reply but its answer could not be read (a 200 with a cut-off body): the Worker " +
      "records the send as refused instead of in doubt, sends the reply again, and then takes its own first " +
      "reply for a person's (implicit take over by the AI's user)",
  },
];
