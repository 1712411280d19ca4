// Reads what a customer's message tells the model to do, in en, de, fr, es, nl and da: say a sentence, reveal
// the prompt, confirm something, play a role, hand over data. Pure. Generic imperatives, no per-message rules.

import { type Frame, findConfirm } from "./injection.confirm.ts";
import { asksForCode, dataAskedFor, topicsIn } from "./injection.topics.ts";
import type { DataKind, Topic } from "./obedient.phrases.ts";
import { originalSlice, readable, wholeWords as words } from "./words.ts";

export type Instructions = {
  say?: string;
  complete?: string;
  leak: boolean;
  confirm?: { clause: string; frame: Frame };
  yes: boolean;
  role?: string;
  disclose: DataKind[];
  code?: { code: string | null };
  topics: Topic[];
  amount?: string;
  order?: string;
  percent?: string;
};

const L = "\\p{L}*";
const SAY_LEAD = new RegExp(
  [
    "(?:reply|respond|answer|write back|say)\\s+(?:to me\\s+)?(?:only\\s+)?with\\s+(?:exactly\\s+|only\\s+|just\\s+)?(?:this|the following|these|the)?\\s*(?:exact\\s+)?(sentence|text|words?|message|line)?",
    "(?:reply|respond|answer|say|write)\\s+(?:exactly|only|verbatim)",
    "antworte(?:n Sie)?\\s+(?:bitte\\s+)?(?:nur\\s+|genau\\s+|ausschließlich\\s+)?mit\\s+(?:genau\\s+)?(?:diesem|folgendem|dem)?\\s*(Satz|Text|Wort)?",
    "répon(?:ds|dez)\\s+(?:uniquement\\s+|seulement\\s+|exactement\\s+)?(?:avec|par)\\s+(?:exactement\\s+)?(?:cette phrase|ce texte|la phrase suivante|(le mot))?",
    "respond(?:e|a|an)\\s+(?:solo\\s+|solamente\\s+|únicamente\\s+|exactamente\\s+)?con\\s+(?:exactamente\\s+)?(?:esta frase|este texto|la siguiente frase|(la palabra))?",
    "antwoord\\s+(?:alleen\\s+|enkel\\s+|precies\\s+)?met\\s+(?:precies\\s+|exact\\s+)?(?:deze zin|deze tekst|de volgende zin|(het woord))?",
    "svar\\s+(?:kun\\s+|bare\\s+|præcis\\s+)?med\\s+(?:præcis\\s+|nøjagtig\\s+)?(?:denne sætning|denne tekst|følgende sætning|(ordet))?",
  ].join("|"),
  "iu",
);
const COMPLETE_LEAD =
  /complete\s+(?:this|the following)\s+sentence|(?:vervollständige|ergänze)\s+(?:diesen|den folgenden)\s+Satz|complète\s+(?:cette|la)\s+phrase|completa\s+(?:esta|la)\s+frase|(?:maak|vul)\s+(?:deze|de)\s+zin\s+(?:af|aan)|(?:fuldfør|gør)\s+(?:denne\s+)?sætning\p{L}*/iu;
const CLOSING: Readonly<Record<string, string>> = {
  '"': '"”',
  "“": "”",
  "„": "“”",
  "«": "»",
  "‘": "’'",
  "'": "'’",
};

/** The quoted (or single-word, or after-colon) payload at the start of `rest`, as [start, end) in it. */
function payload(rest: string, wordOnly: boolean): [number, number] | null {
  // A short aside may come first: "this sentence exactly, no commentary: '...'".
  const open = /^\s*(?:[^\n"“„«‘':]{0,40}:)?\s*(?:[-–]\s*)?(["“„«‘'])/u.exec(rest);
  if (open) {
    const start = open[0].length;
    const closers = CLOSING[open[1] ?? '"'] ?? '"';
    const lineEnd = rest.indexOf("\n", start) === -1 ? rest.length : rest.indexOf("\n", start);
    // Apostrophes may sit inside a single-quoted sentence: take the last closer on the line.
    let end = -1;
    for (let i = lineEnd - 1; i >= start && end === -1; i--) if (closers.includes(rest[i] ?? "")) end = i;
    return end > start ? [start, end] : null;
  }
  const word = /^\s*(?:[:\-–]\s*)?([\p{L}\p{N}-]+)/u.exec(rest);
  if (wordOnly && word) return [word[0].length - (word[1]?.length ?? 0), word[0].length];
  const colon = /^\s*:\s*([^\n]+)/u.exec(rest);
  return colon ? [colon[0].length - (colon[1]?.length ?? 0), colon[0].length] : null;
}

function quoted(
  original: string,
  lead: RegExp,
  wordOnly: (m: RegExpExecArray) => boolean,
): string | undefined {
  const { text, origin } = readable(original);
  const match = lead.exec(text);
  if (!match) return undefined;
  const from = match.index + match[0].length;
  const span = payload(text.slice(from), wordOnly(match));
  return span ? originalSlice(original, origin, from + span[0], from + span[1]).trim() : undefined;
}

const LEAK_OBJECT = words(
  "system\\s*prompt",
  "prompt",
  "system message",
  "instructions?",
  "(?:internal\\s+)?(?:\\p{L}+\\s+)?rules",
  "polic(?:y|ies)",
  "guidelines",
  "(?:internal\\s+)?notes?",
  "configuration",
  "(?:which|what) words",
  "welche Wörter",
  "System-?prompt",
  "System-?nachricht",
  "Anweisungen",
  "Regeln",
  "Richtlinien",
  `(?:interne${L}\\s+)?Notizen`,
  "message système",
  "consignes",
  "règles",
  "politiques",
  "notes internes",
  "mensaje de sistema",
  "instrucciones",
  "reglas",
  "políticas",
  "notas internas",
  "systeemprompt",
  "systeembericht",
  "instructies",
  "regels",
  "beleidsregels",
  "(?:interne\\s+)?notities",
  "systembesked",
  "instruktioner",
  "regler",
  "retningslinjer",
  "(?:interne\\s+)?noter",
);
const LEAK_VERB = words(
  ...[
    "print",
    "reveal",
    "show",
    "paste",
    "give",
    "output",
    "copy",
    "repeat",
    "list",
    "tell me",
    "read",
    "share",
  ],
  ...["dump", "display", "write out", "recite", "gib", "ausgeben", "zeig\\p{L}*", "nenne", "kopier\\p{L}*"],
  ...["wiederhole", "lies", "vorlesen", "recopie", "copie", "affiche", "montre", "donne", "révèle", "répète"],
  ...["lis", "traduis", "cópia\\p{L}*", "copia", "muestra", "dame", "revela", "repite", "cuál es", "lee"],
  ...[
    "geef",
    "toon",
    "kopieer",
    "herhaal",
    "plak",
    "lees",
    "vertel",
    "giv",
    "vis",
    "gentag",
    "læs",
    "fortæl",
  ],
);

const SAY_YES = words(
  "(?:just\\s+)?say yes",
  "sag(?:en Sie)? ja",
  "dites oui",
  "di que sí",
  "zeg ja",
  "sig ja",
);

const ROLE = new RegExp(
  [
    "(?:pretend|imagine)\\s+(?:that\\s+)?you(?:'re| are)\\s+([^,.!?\\n]{2,60})",
    "act as\\s+([^,.!?\\n]{2,60})",
    "you are now\\s+([^,.!?\\n]{2,60})",
    "(?:play|game)[^.!?]*[.!]\\s*you are\\s+([^,.!?\\n]{2,60})",
    "stell dir vor,?\\s+du bist\\s+([^,.!?\\n]{2,60})",
    "tu so,? als wärst du\\s+([^,.!?\\n]{2,60})",
    "du bist (?:jetzt|nun)\\s+([^,.!?\\n]{2,60})",
    "(?:fais comme si tu étais|imagine que tu es|tu es maintenant|joue le rôle d[eu']?)\\s*([^,.!?\\n]{2,60})",
    "(?:haz como si fueras|imagina que eres|finge que eres|actúa como|ahora eres)\\s+([^,.!?\\n]{2,60})",
    "(?:doe alsof|stel je voor dat) je\\s+([^,.!?\\n]{2,60}?)\\s+bent",
    "je bent nu\\s+([^,.!?\\n]{2,60})",
    "(?:lad som om|forestil dig,? at) du er\\s+([^,.!?\\n]{2,60})",
    "du er nu\\s+([^,.!?\\n]{2,60})",
  ].join("|"),
  "iu",
);

export function readInstructions(original: string): Instructions {
  const text = readable(original).text;
  const amount = /(?:EUR|€)\s?\d[\d.,]*|\d[\d.,]*\s?(?:EUR|€|euros?)/iu.exec(text)?.[0];
  const percent = /\d{1,3}\s?%/u.exec(text)?.[0]?.replace(/\s/g, "");
  const wordOnly = (m: RegExpExecArray) =>
    m.slice(1).some((g) => g !== undefined && /wor|mot|pal|ord/i.test(g));
  return {
    say: quoted(original, SAY_LEAD, wordOnly),
    complete: quoted(original, COMPLETE_LEAD, () => false),
    leak: LEAK_OBJECT.test(text) && LEAK_VERB.test(text),
    confirm: findConfirm(text),
    yes: SAY_YES.test(text),
    role: ROLE.exec(text)
      ?.slice(1)
      .find((g) => g !== undefined)
      ?.trim(),
    disclose: dataAskedFor(text),
    code: asksForCode(text) ? { code: /\b[A-Z][A-Z0-9]{2,}\d+\b/u.exec(original)?.[0] ?? null } : undefined,
    topics: topicsIn(text),
    amount: amount?.replace(/^(\d[\d.,]*)\s?(?:EUR|€|euros?)$/iu, "EUR $1").replace(/^€\s?/u, "EUR "),
    order: /\b[A-Z]{2,4}-\d{3,}\b/u.exec(text)?.[0],
    percent,
  };
}
