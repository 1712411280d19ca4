// Turns what a customer wrote and what an agent answered into text fit for the
// knowledge base: no greeting, no sign-off, no names of the people involved,
// in the six languages. Pure; it only removes, never rewrites.

/** Whole lines that are only a greeting ("Hi Ana,", "Hallo zusammen!", "Bonjour Madame,"). */
const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|hi there|liebe[rs]?|sehr geehrte[rs]?(?: damen und herren)?|guten (?:morgen|tag|abend)|moin|servus|bonjour|bonsoir|salut|cher|ch[eè]re|madame|monsieur|hola|buenos d[ií]as|buenas(?: tardes| noches)?|estimad[oa]s?|beste|geachte|goedemorgen|goedemiddag|goedenavond|hej|hejsa|kære|god(?:morgen| dag| aften))\b[^.?!\n]{0,40}[,!:.]?\s*$/iu;

/** A greeting at the start of a line that goes on ("Hi Ana, where is my order?"). */
const LEADING_GREETING =
  /^[¡!]?(?:hi|hello|hey|hallo|hoi|moin|servus|bonjour|salut|hola|hej|hejsa|beste|dear|liebe[rs]?)(?:\s+\p{Lu}[\p{L}'-]*)?\s*[,!:]\s*/iu;

/** Lines that start a sign-off; everything from there on is dropped. */
const SIGN_OFF =
  /^(?:best(?: regards| wishes)?|kind regards|regards|cheers|thanks?(?: you)?(?: (?:so much|in advance|again))?|many thanks|all the best|sincerely|yours|viele gr[üu](?:ß|ss)e|beste gr[üu](?:ß|ss)e|liebe gr[üu](?:ß|ss)e|mit freundlichen gr[üu](?:ß|ss)en|freundliche gr[üu](?:ß|ss)e|gr[üu](?:ß|ss)e|danke(?: schön| sehr)?|vielen dank|cordialement|bien cordialement|bien à vous|merci(?: beaucoup| d'avance)?|bonne journée|un saludo|saludos(?: cordiales)?|atentamente|un abrazo|gracias(?: de antemano)?|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groet(?:en|jes)?|alvast bedankt|bedankt|dank je(?: wel)?|venlig hilsen|med venlig hilsen|mvh|hilsen|de bedste hilsner|tak(?: for hjælpen)?)\b[^\n]{0,40}$/iu;

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

function namesPattern(names: readonly string[]): RegExp | null {
  const parts = new Set<string>();
  for (const name of names) {
    for (const part of name.split(/[\s,.@]+/)) if (part.length >= 2 && /^\p{L}/u.test(part)) parts.add(part);
  }
  if (parts.size === 0) return null;
  const escaped = [...parts].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

/** The message without greeting lines, a leading greeting, the sign-off and everything after it. */
export function stripCourtesies(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (kept.length > 0 && SIGN_OFF.test(line)) break;
    if (GREETING.test(line)) continue;
    kept.push(kept.length === 0 ? capitalise(line.replace(LEADING_GREETING, "")) : raw.trimEnd());
  }
  return withoutTrailingSignOff(kept.join("\n").trim());
}

/** "Do you wrap gifts? Thanks, Greta": a sign-off after the last sentence of the last line. */
function withoutTrailingSignOff(text: string): string {
  const cut = text.search(/[.?!]\s+[^.?!\n]*$/);
  if (cut < 0) return text;
  const tail = text.slice(cut + 1).trim();
  return SIGN_OFF.test(tail) ? text.slice(0, cut + 1) : text;
}

/** Removes the given people's names (each part of each name, as whole words) and tidies what is left. */
export function stripNames(text: string, names: readonly string[]): string {
  const pattern = namesPattern(names);
  if (!pattern) return text;
  return text
    .replace(pattern, "")
    .replace(/[ \t]+([,.!?;:])/g, "$1")
    .replace(/([,;:])(?=\s*[,.!?;:])/g, "")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/^[ \t,]+/gm, "")
    .trim();
}

/** Text for a KB entry: courtesies and the people's names gone. */
export function cleanForKb(text: string, names: readonly string[]): string {
  return stripNames(stripCourtesies(text), names);
}
