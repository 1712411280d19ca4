// The admin area's strings: every key the code names exists in English, every locale keeps the
// English placeholders, and a locale file is trusted only as an object of strings.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_LOCALES, asCatalog, englishAdmin } from "../../../../app/admin/i18n";
import { POLICY_ACTIONS, ENTRY_STATUSES } from "../../../../app/admin/entries/entry-form";
import { CHANNELS, AUTONOMY_MODES } from "../../../../app/admin/settings/settings.view-model";
import { ATTENTION_TYPES, TAKEOVER_REASONS } from "../../../../app/admin/stats/stats.view-model";
import { TABS } from "../../../../app/admin/admin.controller";

const root = join(import.meta.dirname, "../../../..");
const adminOf = (locale: string) =>
  (
    JSON.parse(readFileSync(join(root, "translations", `${locale}.json`), "utf8")) as {
      admin: Record<string, string>;
    }
  ).admin;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [readFileSync(join(dir, e.name), "utf8")]
        : [],
  );
}

describe("admin strings", () => {
  it("has every key the code names, literal or built from a known list", () => {
    const code = sources(join(root, "app/admin")).join("\n");
    const literal = [...code.matchAll(/\bt\(\s*"([a-z_]+(?:\.[a-z_]+)+|[a-z]+)"/g)].map((m) => m[1] ?? "");
    const values = [...code.matchAll(/"((?:form|import\.error)\.[a-z_]+)"/g)].map((m) => m[1] ?? "");
    const built = [
      ...TABS.map((t) => `tab.${t}`),
      ...ENTRY_STATUSES.map((s) => `status.${s}`),
      ...POLICY_ACTIONS.map((a) => `action_kind.${a}`),
      ...["manual", "learning_loop", "import"].map((s) => `source.${s}`),
      ...AUTONOMY_MODES.map((m) => `autonomy.${m}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...ATTENTION_TYPES.map((a) => `attention.${a}`),
      ...Object.values(TAKEOVER_REASONS),
      ...["customer", "agent", "ai"].map((r) => `evidence.role.${r}`),
      ...["would_answer", "still_flagged", "not_run"].map((v) => `evidence.replay.${v}`),
      ...["kb", "policy"].flatMap((k) =>
        [
          "intro",
          "new",
          "new_title",
          "edit_title",
          "empty",
          "empty_hint",
          "filters",
          "search_placeholder",
        ].map((s) => `${k}.${s}`),
      ),
      ...["kb", "policy"].flatMap((k) => [`import.title.${k}`, `import.help.${k}`, `review.kind.${k}`]),
      ...[
        "not_configured",
        "network",
        "worker_down",
        "unauthorized",
        "conflict",
        "not_found",
        "rejected",
        "bad_response",
      ].map((k) => `error.${k}`),
    ];
    const missing = [...new Set([...literal, ...values, ...built])].filter((k) => !(k in englishAdmin));
    expect(missing).toEqual([]);
  });

  it.each(ADMIN_LOCALES.filter((l) => l !== "en"))(
    "%s keeps every {placeholder} of the English string",
    (locale) => {
      const catalog = adminOf(locale);
      for (const [key, text] of Object.entries(englishAdmin)) {
        const wanted = (text.match(/\{\w+\}/g) ?? []).sort();
        expect((catalog[key]?.match(/\{\w+\}/g) ?? []).sort(), `${locale}: ${key}`).toEqual(wanted);
      }
    },
  );

  it("keeps the contract's English tab and button names", () => {
    expect(TABS.map((t) => englishAdmin[`tab.${t}`])).toEqual([
      "Pending review",
      "Knowledge base",
      "Policies",
      "Statistics",
      "Settings",
      "Connection",
    ]);
    expect(["approve", "edit", "reject"].map((b) => englishAdmin[`review.${b}`])).toEqual([
      "Approve",
      "Edit",
      "Reject",
    ]);
  });

  it("trusts a locale file only as an object of strings", () => {
    expect(asCatalog({ a: "b" })).toEqual({ a: "b" });
    expect(asCatalog({ a: 1 })).toBeNull();
    expect(asCatalog(["a"])).toBeNull();
    expect(asCatalog(null)).toBeNull();
  });
});
