// What the sidebar shows for each state: labels, buttons, timeline lines, error texts.
import { describe, expect, it } from "vitest";
import { sidebar as german } from "../../../translations/de.json";
import { englishSidebar } from "../../../app/i18n/catalogs";
import { createTranslator } from "../../../app/i18n/i18n";
import {
  buttonsFor,
  dismissable,
  errorMessage,
  reasonText,
  releaseNeedsConfirmation,
  stateLabel,
  takeOverNeedsConfirmation,
  timelineLines,
} from "../../../app/sidebar/view-model";
import { ana, bo, ticketView } from "./support/views";

const t = createTranslator(englishSidebar, englishSidebar);
const de = createTranslator(german, englishSidebar);

describe("state label", () => {
  it("names who handles the ticket", () => {
    expect(stateLabel(ticketView(), ana, t)).toBe("Open: AI handling");
    expect(stateLabel(ticketView({ state: "in_progress", owner: bo }), ana, t)).toBe(
      "In progress: taken over by Bo Colleague",
    );
    expect(stateLabel(ticketView({ state: "resolved" }), ana, t)).toBe("Resolved");
  });

  it("says 'by you' when the current agent owns it", () => {
    expect(stateLabel(ticketView({ state: "in_progress", owner: ana }), ana, t)).toBe(
      "In progress: taken over by you",
    );
  });

  it("says when the AI waits for a person, or is off, as states of their own", () => {
    expect(stateLabel(ticketView({ waiting: true }), ana, t)).toBe("Open: waiting for a person");
    expect(stateLabel(ticketView({ autonomy: "off" }), ana, t)).toBe("Open: AI off");
    expect(stateLabel(ticketView({ autonomy: "off" }), ana, de)).toBe("Offen: KI aus");
  });

  it("is translated", () => {
    expect(stateLabel(ticketView({ state: "in_progress", owner: bo }), ana, de)).toBe(
      "In Bearbeitung: übernommen von Bo Colleague",
    );
  });
});

describe("buttons by state", () => {
  it.each([
    ["open", null, { takeOver: true, release: false, resolve: true }],
    ["in_progress", ana, { takeOver: false, release: true, resolve: true }],
    ["in_progress", bo, { takeOver: true, release: true, resolve: true }],
    ["resolved", null, { takeOver: false, release: false, resolve: false }],
  ] as const)("%s (owner %o), seen by Ana", (state, owner, expected) => {
    expect(buttonsFor(ticketView({ state, owner }), ana)).toEqual(expected);
  });

  it("asks before releasing or taking over someone else's ticket, not one's own", () => {
    for (const asks of [releaseNeedsConfirmation, takeOverNeedsConfirmation]) {
      expect(asks(ticketView({ state: "in_progress", owner: bo }), ana)).toBe(true);
      expect(asks(ticketView({ state: "in_progress", owner: ana }), ana)).toBe(false);
      expect(asks(ticketView({ state: "open" }), ana)).toBe(false);
    }
  });
});

describe("timeline", () => {
  const at = "2026-11-20T10:00:00.000Z";
  const base = { at, from: null, to: null, reason: null, code: null, params: {} };
  it("is newest first, with who and why", () => {
    const lines = timelineLines(
      [
        {
          ...base,
          id: 1,
          type: "ai_replied",
          actor: { kind: "ai", id: null, name: null },
          reason: "reply sent",
        },
        { ...base, id: 2, type: "take_over", actor: { kind: "agent", id: 7, name: "Ana Agent" } },
        { ...base, id: 3, type: "some_new_thing", actor: { kind: "system", id: null, name: null } },
      ],
      t,
    );
    expect(lines.map((l) => l.text)).toEqual(["oHallo: some new thing", "Ana Agent took over", "AI replied"]);
    expect(lines[2]?.reason).toBe("reply sent");
  });

  it("says why in the agent's words: the policy named once, no raw codes", () => {
    const flagged = {
      ...base,
      id: 4,
      type: "ai_flagged",
      actor: { kind: "ai" as const, id: null, name: null },
      reason:
        'escalation: Policy "Legal threats" (matched "lawyer"): If the customer threatens legal action…',
      code: "policy_escalate",
      params: { policy: "Legal threats", keyword: "lawyer", attention: "escalation" },
    };
    const autonomy = {
      ...base,
      id: 5,
      type: "autonomy_changed",
      actor: { kind: "agent" as const, id: 7, name: "Ana Agent" },
      reason: "autonomy: off",
      code: "autonomy_off",
    };
    const [off, line] = timelineLines([flagged, autonomy], t);
    expect(line?.text).toBe("AI flagged the ticket: Escalation");
    expect(line?.reason).toBe("Policy “Legal threats” keeps this for a person (matched “lawyer”).");
    expect(off?.reason).toBe("AI set to Off");
    const [, german] = timelineLines([flagged, autonomy], de);
    expect(german?.reason).toBe(
      "Richtlinie „Legal threats“ behält das einer Person vor (Treffer: „lawyer“).",
    );
    for (const l of [off, line]) expect(l?.reason).not.toMatch(/escalation:|autonomy:|If the customer/);
  });
});

describe("attention reasons", () => {
  it("translate their code; an unknown code falls back to the Worker's English", () => {
    expect(reasonText("reply_cap", { cap: "6" }, "English", de)).toContain("6 Antworten");
    expect(reasonText("from_a_newer_worker", {}, "English text", de)).toBe("English text");
    expect(reasonText(null, {}, "English text", de)).toBe("English text");
  });

  it("can be dismissed, but an approval whose draft is shown is handled by the draft card", () => {
    const item = {
      id: 1,
      ticketId: 42,
      type: "approval_required" as const,
      reason: "r",
      code: "draft_only",
      params: {},
      status: "open" as const,
      createdAt: "",
      resolvedAt: null,
    };
    const draft = { id: 3, body: "b", createdAt: "" };
    expect(dismissable(item, ticketView({ attention: [item], pendingDraft: draft }))).toBe(false);
    expect(dismissable(item, ticketView({ attention: [item] }))).toBe(true);
    expect(dismissable({ ...item, type: "human_requested" }, ticketView({ pendingDraft: draft }))).toBe(true);
  });
});

describe("error messages say what happened", () => {
  it.each([
    [{ kind: "worker_down", status: 502, detail: null }, "The oHallo Worker is not answering (502)."],
    [{ kind: "unauthorized", status: 401, detail: "unauthorized" }, "refused the app's API secret (401)"],
    [{ kind: "conflict", status: 409, detail: "The ticket is resolved." }, "first: The ticket is resolved."],
    [{ kind: "network", status: 0, detail: null }, "Could not reach oHallo."],
    [{ kind: "not_configured", status: 0, detail: null }, "no backend URL"],
    [{ kind: "bad_response", status: 200, detail: null }, "does not understand"],
    [{ kind: "rejected", status: 400, detail: "bad body" }, "(400): bad body"],
  ])("%o", (error, text) => {
    expect(errorMessage(error, t)).toContain(text);
  });
});
