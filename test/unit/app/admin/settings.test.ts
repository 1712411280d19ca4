// The Settings and Connection tabs without a DOM: a patch of only what changed, never a setting
// this Worker does not offer, checked numbers and IDs; the installation's checks, connect,
// export and disconnect after a question, and a Worker without the installation calls.
import { describe, expect, it } from "vitest";
import type { AdminSettings } from "../../../../common/admin.schema";
import { ConnectionController } from "../../../../app/admin/connection/connection.controller";
import { SettingsController } from "../../../../app/admin/settings/settings.controller";
import { channelsFor, settingsPatch } from "../../../../app/admin/settings/settings.view-model";
import type { Fields } from "../../../../app/admin/store";
import { failed, fakeApi, ok } from "./support";

/** What today's Worker sends: none of the newer settings. */
const today: AdminSettings = {
  learning: { enabled: true, humanManagedOnly: false },
  defaultAutonomy: "auto",
  autoReleaseHours: null,
  brandTone: "Friendly.",
};
const full: AdminSettings = {
  ...today,
  handoffAcknowledgement: true,
  maxAiRepliesPerHour: 6,
  aiAgentId: null,
  scope: { channels: [], brandIds: [], groupIds: [] },
};

/** The form as the page sends it untouched (checkboxes only when ticked). */
const form = (s: AdminSettings, patch: Fields = {}): Fields => ({
  ...(s.learning.enabled ? { learningEnabled: ["on"] } : {}),
  defaultAutonomy: [s.defaultAutonomy],
  autoReleaseHours: [s.autoReleaseHours === null ? "" : String(s.autoReleaseHours)],
  brandTone: [s.brandTone],
  ...(s.handoffAcknowledgement ? { handoffAcknowledgement: ["on"] } : {}),
  maxAiRepliesPerHour: [String(s.maxAiRepliesPerHour ?? "")],
  aiAgentId: [""],
  brandIds: [""],
  groupIds: [""],
  ...patch,
});

describe("settingsPatch", () => {
  it("sends nothing when nothing changed", () => {
    expect(settingsPatch(today, form(today))).toEqual({ ok: true, patch: {} });
    expect(settingsPatch(full, form(full))).toEqual({ ok: true, patch: {} });
  });

  it("sends only what changed, in the Worker's shapes", () => {
    const fields = form(full, {
      humanManagedOnly: ["on"],
      autoReleaseHours: ["4,5"],
      maxAiRepliesPerHour: ["3"],
      aiAgentId: ["900001"],
      channels: ["email", "web"],
      groupIds: ["12, 13"],
    });
    expect(settingsPatch(full, fields)).toEqual({
      ok: true,
      patch: {
        learning: { enabled: true, humanManagedOnly: true },
        autoReleaseHours: 4.5,
        maxAiRepliesPerHour: 3,
        aiAgentId: 900001,
        scope: { channels: ["email", "web"], brandIds: [], groupIds: [12, 13] },
      },
    });
  });

  it("never patches a setting this Worker does not offer", () => {
    const fields = form(today, {
      handoffAcknowledgement: ["on"],
      maxAiRepliesPerHour: ["x"],
      channels: ["email"],
    });
    expect(settingsPatch(today, fields)).toEqual({ ok: true, patch: {} });
  });

  it("names each field that does not check out", () => {
    const fields = form(full, {
      autoReleaseHours: ["-1"],
      maxAiRepliesPerHour: ["2.5"],
      aiAgentId: ["abc"],
      brandIds: ["1, two"],
      brandTone: ["x".repeat(2001)],
    });
    expect(settingsPatch(full, fields)).toEqual({
      ok: false,
      errors: {
        autoReleaseHours: "form.hours",
        maxAiRepliesPerHour: "form.cap",
        aiAgentId: "form.id",
        brandIds: "form.ids",
        brandTone: "form.too_long",
      },
    });
  });

  it("patches where Guide articles go, by field, with checked IDs and locale; never on a Worker without it", () => {
    const guided: AdminSettings = {
      ...full,
      guide: { sectionId: 11, permissionGroupId: null, locale: null },
    };
    const untouched = { guideSectionId: ["11"], guidePermissionGroupId: [""], guideLocale: [""] };
    expect(settingsPatch(guided, form(guided, untouched))).toEqual({ ok: true, patch: {} });
    const changed = {
      guideSectionId: [""],
      guidePermissionGroupId: ["4408800000001"],
      guideLocale: ["PT-BR"],
    };
    expect(settingsPatch(guided, form(guided, changed))).toEqual({
      ok: true,
      patch: { guide: { sectionId: null, permissionGroupId: 4408800000001, locale: "pt-br" } },
    });
    const wrong = { guideSectionId: ["12a"], guidePermissionGroupId: ["-3"], guideLocale: ["english"] };
    expect(settingsPatch(guided, form(guided, wrong))).toEqual({
      ok: false,
      errors: {
        guideSectionId: "form.guide_id",
        guidePermissionGroupId: "form.guide_id",
        guideLocale: "form.locale",
      },
    });
    expect(settingsPatch(full, form(full, changed))).toEqual({ ok: true, patch: {} });
  });

  it("keeps channels the Worker knows that the form does not list", () => {
    expect(channelsFor({ channels: ["voice"], brandIds: [], groupIds: [] }).at(-1)).toBe("voice");
  });
});

describe("SettingsController", () => {
  it("loads, says when there is nothing to save, saves a change and shows the Worker's answer", async () => {
    const patches: unknown[] = [];
    const settings = new SettingsController(
      fakeApi({
        settings: async () => ok(today),
        saveSettings: async (patch) => {
          patches.push(patch);
          return ok({ ...today, brandTone: "Warm." });
        },
      }),
    );
    await settings.load();
    const version = settings.state.formVersion;
    await settings.save(form(today));
    expect(settings.state.announcement).toBe("unchanged");
    await settings.save(form(today, { brandTone: ["Warm."] }));
    expect(patches).toEqual([{ brandTone: "Warm." }]);
    expect(settings.state).toMatchObject({ announcement: "saved", settings: { brandTone: "Warm." } });
    expect(settings.state.formVersion).toBeGreaterThan(version);
  });

  it("keeps what the admin typed when the tab reloads the same values, and shows new ones", async () => {
    let answer = today;
    const settings = new SettingsController(fakeApi({ settings: async () => ok(answer) }));
    await settings.load();
    const version = settings.state.formVersion;
    await settings.load();
    expect(settings.state.formVersion).toBe(version);
    answer = { ...today, brandTone: "Changed elsewhere." };
    await settings.load();
    expect(settings.state.formVersion).toBe(version + 1);
  });

  it("keeps the form when the Worker refuses", async () => {
    const settings = new SettingsController(
      fakeApi({
        settings: async () => ok(today),
        saveSettings: async () => failed("rejected", 400, "bad tone"),
      }),
    );
    await settings.load();
    await settings.save(form(today, { brandTone: ["Warm."] }));
    expect(settings.state).toMatchObject({ saving: false, failure: { detail: "bad tone" }, settings: today });
  });
});

describe("ConnectionController", () => {
  const installation = {
    subdomain: "acme",
    connected: true,
    checks: [{ name: "webhook", ok: true, detail: null }],
  };

  it("shows the checks, connects in a new window, exports a file and disconnects only after asking", async () => {
    const opened: string[] = [];
    const files: [string, string][] = [];
    let deleted = 0;
    const connection = new ConnectionController({
      api: fakeApi({
        installation: async () => ok(installation),
        connectUrl: (subdomain) => `https://ohallo.test/connect/zendesk?subdomain=${subdomain}`,
        exportData: async () => ok('{"kb":[]}'),
        disconnect: async () => {
          deleted++;
          return { ok: true, value: undefined };
        },
      }),
      subdomain: "nordlys",
      openWindow: (url) => opened.push(url),
      download: (name, text) => files.push([name, text]),
    });
    await connection.load();
    expect(connection.state).toMatchObject({ phase: "ready", installation });
    connection.connect();
    expect(opened).toEqual(["https://ohallo.test/connect/zendesk?subdomain=acme"]);
    await connection.exportData();
    expect(files).toEqual([["ohallo-acme.json", '{"kb":[]}']]);
    await connection.disconnect();
    expect(deleted).toBe(0);
    connection.askDisconnect();
    await connection.disconnect();
    expect(deleted).toBe(1);
    expect(connection.state).toMatchObject({ confirmDisconnect: false, announcement: "disconnected" });
  });

  it("says a Worker without the installation calls cannot report, and still offers Connect", async () => {
    const connection = new ConnectionController({
      api: fakeApi({
        installation: async () => failed("not_found", 404, "Not found"),
        connectUrl: (s) => `https://w.test/connect/zendesk?subdomain=${s}`,
      }),
      subdomain: "nordlys",
      openWindow: () => undefined,
      download: () => undefined,
    });
    await connection.load();
    expect(connection.state.phase).toBe("unavailable");
    expect(connection.connectUrl).toBe("https://w.test/connect/zendesk?subdomain=nordlys");
  });
});
