// Locale choice and string lookup for the app's own UI. Pure: no DOM, no ZAF.
// Must never throw on a missing key or locale: it falls back to English, then to the key.

export type Catalog = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: string, params?: Params) => string;

/**
 * Zendesk gives locales such as "de", "pt-BR", "nl-NL" or "es-419": use an exact match,
 * then the language alone, then `fallback`.
 */
export function pickLocale(
  requested: string | null | undefined,
  available: readonly string[],
  fallback = "en",
) {
  const wanted = (requested ?? "").trim().toLowerCase().replace("_", "-");
  const byLower = new Map(available.map((l) => [l.toLowerCase(), l]));
  return byLower.get(wanted) ?? byLower.get(wanted.split("-")[0] ?? "") ?? fallback;
}

export function createTranslator(catalog: Catalog, fallback: Catalog): Translate {
  return (key, params) => {
    const template = catalog[key] ?? fallback[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
  };
}
