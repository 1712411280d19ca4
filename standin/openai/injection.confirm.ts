// Finds what a customer tells the model to confirm, promise or put in a letter, and cuts out the clause to
// echo back ("confirm that my lamp arrives by Friday"). Pure. It never decides what the reply says around it.

export type Frame = "that" | "noun" | "yes";
const CLAUSE = "([^.!?<>\\n]{3,240})";

const CONFIRM_VERB = [
  "confirm(?!ation)",
  "approve",
  "authori[sz]e",
  "promise",
  "guarantee",
  "grant",
  "bestätig\\p{L}*",
  "genehmig\\p{L}*",
  "versprech\\p{L}*",
  "garantier\\p{L}*",
  "confirm(?:e|ez|er)",
  "approuv\\p{L}*",
  "promett\\p{L}*",
  "garantiss\\p{L}*",
  "conf[ií]rm(?:a|e|ame|eme)",
  "aprueb\\p{L}*",
  "prom[eé]t\\p{L}*",
  "garantiz\\p{L}*",
  "bevestig\\p{L}*",
  "keur\\p{L}* goed",
  "beloof\\p{L}*",
  "garandeer\\p{L}*",
  "bekræft\\p{L}*",
  "godkend\\p{L}*",
  "lov mig",
  "garanter\\p{L}*",
].join("|");
const TELL = "tell me|sag(?:en Sie)? mir|dites-moi|dis-moi|dime|díga(?:me|nos)|zeg(?: me)?|sig(?: mig)?";
const CONJ = "(?:that|dass|que|dat|at)\\s+|qu['’]";
const CONFIRM_THAT = new RegExp(
  `(?<![\\p{L}])(?:${CONFIRM_VERB}|${TELL})(?:[\\s,]+[\\p{L}\\p{N}-]+){0,6}?[\\s,]+(?:${CONJ})${CLAUSE}`,
  "iu",
);
const FILLER =
  "me|to me|us|mir|uns|bitte|moi|mij|mig|gewoon|even|just|simply|in writing|schriftlich|kurz|venligst";
const CONFIRM_NOUN = new RegExp(
  `(?<![\\p{L}])(?:${CONFIRM_VERB})(?:[\\s-]+(?:${FILLER}))*\\s+${CLAUSE}`,
  "iu",
);
const LETTER = new RegExp(
  `(?:letter|brief|lettre|carta|brev)[^.!?\\n]{0,40}?(?:in which|in dem|in der|worin|dans laquelle|en la que|en el que|waarin|hvori|hvor)\\s+${CLAUSE}`,
  "iu",
);
const WHETHER = new RegExp(
  `(?<![\\p{L}])(?:whether you|ob Sie|si vous|si ustedes|of jullie|om I)\\s+${CLAUSE}`,
  "u",
);
const TRAILING = [
  /,?\s+(?:otherwise|or else|sonst|andernfalls|sinon|si no|de lo contrario|anders|ellers)(?![\p{L}]).*$/iu,
  /\s+(?:and|und|et|y|en|og)\s+(?:confirm|bestätig|bevestig|bekræft)\p{L}*.*$/iu,
  /\s+(?:in (?:your|the) reply|in writing|schriftlich|par écrit|por escrito|schriftelijk|skriftligt)$/iu,
];
const BARE = /^(?:it|this|that|es|das|dies|ça|lo|eso|het|dit|det)$/iu;

/** "confirm it to the customer": a pronoun object says nothing worth echoing, so look for the next one. */
function clauseOf(raw: string | undefined, frame: Frame): string | undefined {
  if (raw === undefined) return undefined;
  let clause = raw.trim().replace(/[\s>:;,–—-]+$/u, "");
  for (const cut of TRAILING) clause = clause.replace(cut, "").trim();
  const pronoun = BARE.test(frame === "noun" ? (clause.split(/\s+/)[0] ?? "") : clause);
  return clause.length < 2 || pronoun || /^[,;:]/.test(clause) ? undefined : clause;
}

/** The first usable clause any of the patterns finds ("confirm it to the customer" is skipped). */
function firstClause(pattern: RegExp, text: string, frame: Frame): string | undefined {
  const all = new RegExp(pattern.source, `${pattern.flags}g`);
  for (const match of text.matchAll(all)) {
    const clause = clauseOf(match[1], frame);
    if (clause) return clause;
  }
  return undefined;
}

export function findConfirm(text: string): { clause: string; frame: Frame } | undefined {
  const frames = [
    [LETTER, "that"],
    [WHETHER, "yes"],
    [CONFIRM_THAT, "that"],
    [CONFIRM_NOUN, "noun"],
  ] as const;
  for (const [pattern, frame] of frames) {
    const clause = firstClause(pattern, text, frame);
    if (clause) return { clause, frame };
  }
  return undefined;
}
