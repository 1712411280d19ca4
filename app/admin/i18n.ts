// The admin area's strings: English in the bundle (translations/en.json, section `admin`), the
// admin's own language loaded at start from assets/admin.<locale>.json (the build writes them:
// six locales in the bundle would double its size). Also how an API failure reads.
import { useEffect, useMemo } from "preact/hooks";
import { admin as en } from "../../translations/en.json";
import type { ApiError } from "../api/errors";
import { type Catalog, createTranslator, type Translate } from "../i18n/i18n";

export const ADMIN_LOCALES = ["en", "de", "fr", "es", "nl", "da"] as const;
export const englishAdmin: Catalog = en;

/** A locale file is trusted only as far as it is an object of strings. */
export function asCatalog(value: unknown): Catalog | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  return entries.every(([, v]) => typeof v === "string") ? Object.fromEntries(entries) : null;
}

export function useAdminTranslation(locale: string, catalog: Catalog | null): Translate {
  const t = useMemo(() => createTranslator(catalog ?? englishAdmin, englishAdmin), [catalog]);
  useEffect(() => {
    document.documentElement.lang = catalog ? locale : "en";
    document.title = t("title");
  }, [locale, catalog, t]);
  return t;
}

export function errorText(error: ApiError, t: Translate): string {
  return t(`error.${error.kind}`, { status: error.status, detail: error.detail ?? String(error.status) });
}

export const formatDate = (iso: string, locale: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(locale, { dateStyle: "medium" });
};

export const formatNumber = (n: number, locale: string) => n.toLocaleString(locale);
