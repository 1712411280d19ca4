// What the sidebar shows for each state: labels, buttons, timeline lines, error texts.
import { describe, expect, it } from "vitest";
import { englishSidebar, sidebarCatalogs } from "../../../app/i18n/catalogs";
import { createTranslator } from "../../../app/i18n/i18n";
import {
  buttonsFor,
  errorMessage,
  releaseNeedsConfirmation,
  stateLabel,
  timelineLines,
} from "../../../app/sidebar/view-model";
import { ana, bo, ticketView } from "./support/views";

const t = createTranslator(englishSidebar, englishSidebar);

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

  it("is translated", () => {
    const de = createTranslator(sidebarCatalogs.de ?? {}, englishSidebar);
    expect(stateLabel(ticketView({ state: "in_progress", owner: bo }), ana, de)).toBe(
      "In Bearbeitung: übernommen von Bo Colleague",
    );
  });
});

describe("buttons by state", () => {
  it.each([
    ["open", { takeOver: true, release: false, resolve: true }],
    ["in_progress", { takeOver: false, release: true, resolve: true }],
    ["resolved", { takeOver: false, release: false, resolve: false }],
  ] as const)("%s", (state, expected) => {
    const owner = state === "in_progress" ? ana : null;
    expect(buttonsFor(ticketView({ state, owner }))).toEqual(expected);
  });

  it("asks before releasing someone else's ticket, not one's own", () => {
    expect(releaseNeedsConfirmation(ticketView({ state: "in_progress", owner: bo }), ana)).toBe(true);
    expect(releaseNeedsConfirmation(ticketView({ state: "in_progress", owner: ana }), ana)).toBe(false);
    expect(releaseNeedsConfirmation(ticketView({ state: "open" }), ana)).toBe(false);
  });
});

describe("timeline", () => {
  const at = "2026-11-20T10:00:00.000Z";
  const base = { at, from: null, to: null, reason: null };
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
