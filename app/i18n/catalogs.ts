// The sidebar's strings: English is in the bundle (the fallback, and what most agents
// read); every other locale is its own small file in the package (`assets/i18n/`),
// fetched once the agent's locale is known, so the bundle carries one language, not six.
import { sidebar as en } from "../../translations/en.json";
import type { Catalog } from "./i18n";

export type SidebarKey = keyof typeof en;
export const englishSidebar: Catalog = en;
/** The locales translations/ holds (checked against the folder by test/unit/app/i18n.test.ts). */
export const SIDEBAR_LOCALES = ["en", "de", "fr", "es", "nl", "da"] as const;

/** The package path of a locale's sidebar strings, written by scripts/build-app.ts. */
export const catalogPath = (locale: string) => `i18n/sidebar.${locale}.json`;

/** Fetches a locale's strings next to the page; English needs no request. */
export async function fetchCatalog(locale: string, base: string): Promise<Catalog> {
  if (locale === "en") return en;
  const res = await fetch(new URL(catalogPath(locale), base));
  if (!res.ok) throw new Error(`no strings for ${locale} (${res.status})`);
  const body: unknown = await res.json();
  if (typeof body !== "object" || body === null) throw new Error(`bad strings for ${locale}`);
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}
