// Locale choice (exact, then language, then English) and complete translations in every locale.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIDEBAR_LOCALES, englishSidebar } from "../../../app/i18n/catalogs";
import { createTranslator, pickLocale } from "../../../app/i18n/i18n";

const root = join(import.meta.dirname, "../../..");
const LOCALES = ["en", "de", "fr", "es", "nl", "da"];

type Tree = { [key: string]: string | Tree };
const read = (locale: string) =>
  JSON.parse(readFileSync(join(root, "translations", `${locale}.json`), "utf8")) as Tree;
const sidebarOf = (locale: string) => read(locale).sidebar as Record<string, string>;

function leaves(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : leaves(v, `${prefix}${k}/`),
  );
}

describe("pickLocale", () => {
  const available = SIDEBAR_LOCALES;
  it.each([
    ["de", "de"],
    ["nl-NL", "nl"],
    ["fr-CA", "fr"],
    ["es-419", "es"],
    ["DA", "da"],
    ["en-GB", "en"],
    ["pt-BR", "en"],
    ["", "en"],
    [null, "en"],
  ])("%s → %s", (requested, expected) => {
    expect(pickLocale(requested, available)).toBe(expected);
  });

  it("prefers an exact regional match over the language", () => {
    expect(pickLocale("pt-BR", ["en", "pt", "pt-BR"])).toBe("pt-BR");
    expect(pickLocale("pt-PT", ["en", "pt", "pt-BR"])).toBe("pt");
  });
});

describe("translator", () => {
  it("fills parameters and falls back to English, then to the key", () => {
    const t = createTranslator({ greet: "Hallo {name}" }, { greet: "Hello {name}", only: "English only" });
    expect(t("greet", { name: "Ana" })).toBe("Hallo Ana");
    expect(t("only")).toBe("English only");
    expect(t("missing.key")).toBe("missing.key");
  });

  it("covers the six locales; English is the bundled fallback", () => {
    expect([...SIDEBAR_LOCALES].sort()).toEqual([...LOCALES].sort());
    expect(englishSidebar).toEqual(sidebarOf("en"));
  });
});

describe("translations/<locale>.json", () => {
  const english = leaves(read("en")).sort();
  const manifest = JSON.parse(readFileSync(join(root, "manifest/manifest.json"), "utf8")) as {
    parameters: { name: string }[];
  };

  it("has a file for each locale and no other", () => {
    const files = readdirSync(join(root, "translations")).filter((f) => f.endsWith(".json"));
    expect(files.map((f) => f.replace(".json", "")).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)("%s has exactly the English keys, none empty", (locale) => {
    const tree = read(locale);
    expect(leaves(tree).sort()).toEqual(english);
    for (const key of leaves(tree)) {
      const value = key.split("/").reduce<string | Tree>((node, part) => (node as Tree)[part] as Tree, tree);
      expect(String(value).trim(), `${locale}: ${key}`).not.toBe("");
    }
  });

  it.each(LOCALES)("%s has the marketplace listing and a label and help text per parameter", (locale) => {
    const app = read(locale).app as Tree;
    for (const key of ["name", "short_description", "long_description", "installation_instructions"]) {
      expect(typeof app[key], `${locale}: app.${key}`).toBe("string");
    }
    const parameters = app.parameters as Record<string, Tree>;
    for (const { name } of manifest.parameters) {
      expect(typeof parameters[name]?.label, `${locale}: ${name}.label`).toBe("string");
      expect(typeof parameters[name]?.helpText, `${locale}: ${name}.helpText`).toBe("string");
    }
  });

  it.each(LOCALES)("%s keeps every {placeholder} of the English string", (locale) => {
    const catalog = sidebarOf(locale);
    for (const [key, text] of Object.entries(englishSidebar)) {
      const wanted = (text.match(/\{\w+\}/g) ?? []).sort();
      expect((catalog[key]?.match(/\{\w+\}/g) ?? []).sort(), `${locale}: ${key}`).toEqual(wanted);
    }
  });
});
