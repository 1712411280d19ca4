// The sidebar's strings in every locale, taken from translations/<locale>.json.
// Named imports let the bundler drop the marketplace texts (`app.*`) from the JS.
import { sidebar as da } from "../../translations/da.json";
import { sidebar as de } from "../../translations/de.json";
import { sidebar as en } from "../../translations/en.json";
import { sidebar as es } from "../../translations/es.json";
import { sidebar as fr } from "../../translations/fr.json";
import { sidebar as nl } from "../../translations/nl.json";
import type { Catalog } from "./i18n";

export type SidebarKey = keyof typeof en;
export const sidebarCatalogs: Record<string, Catalog> = { en, de, fr, es, nl, da };
export const englishSidebar: Catalog = en;
