// Does the customer ask for a person (en, de, fr, es, nl, da)? Pure pattern logic over normalised words.
// It must never fire on mere mentions of staff ("your agent told me", "the delivery agent"): precision first.
import { foldDiacritics, normalizeText } from "./normalize";

// All sets hold lower-case, diacritic-free words. The six languages share one vocabulary: short
// messages are often mis-detected, and these words rarely collide across the languages.
const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Verbs of speaking or getting in touch, in present, infinitive or imperative form (never past). */
const SPEAK = set(`speak talk chat reach contact connect transfer escalate put call ring
  zuruckrufen anrufen terugbellen opbellen rappeler appeler appelle llamar llamarme llameis
  ringe ringer
  sprechen spreche reden telefonieren verbinden verbunden erreichen kontaktieren weiterleiten chatten
  spreken spreek praten bellen doorverbinden doorverbonden chatten
  parler discuter joindre contacter echanger
  hablar hable comunicarme comunicar contactar atienda atiendan atender atenderme
  tale snakke kontakte chatte`);

/** People a customer may ask for: a verb of speaking is needed to turn them into a request. */
const PERSON = set(`someone somebody person agent agents staff employee manager supervisor representative rep
  operator human humans
  jemand jemandem jemanden person mitarbeiter mitarbeiterin mitarbeitende mitarbeitenden berater beraterin
  kundenberater kundenberaterin sachbearbeiter sachbearbeiterin ansprechpartner ansprechpartnerin vorgesetzten
  menschen mensch
  iemand persoon medewerker medewerkster medewerkers leidinggevende mens
  quelqu conseiller conseillere conseillers operateur operatrice responsable superviseur employe humain
  interlocuteur
  alguien persona agente asesor asesora operador operadora representante encargado empleado humano
  nogen medarbejder medarbejderen radgiver konsulent menneske
  member colleague colleagues teammitglied kollege kollegen kollegin kollegin teamlid collega collegas collegue companero companera kollega kollegaer`);

/** Compounds ending in these are people too ("Kundendienstmitarbeiter", "klantenservicemedewerker"). */
const PERSON_SUFFIXES = ["mitarbeiter", "mitarbeiterin", "medewerker", "medarbejder", "berater"];

/** Words that always mean a human being (not staff in general): enough with any request cue. */
const HUMAN = set("human humans mensch menschen mens menneske humain humains humano humana");
/** "A real person", "eine echte Person", "una persona real": any person, made unmistakably human. */
const REAL = set(
  "real actual live echt echte echten echter richtige richtigen vraie vrai verdadera verdadero rigtig rigtigt ægte",
);
const HUMAN_FALSE_FRIENDS = set("error errors mistake mistakes rights resources hair body nature");

/** Qualifiers that make the person someone else: the courier, a travel agent, an estate agent. */
const NOT_SUPPORT = set(`delivery courier shipping postal freight travel estate insurance customs booking
  gls dhl ups dpd postnord fedex bpost zusteller bezorger livreur repartidor bud`);

const BOT = set(`bot bots robot robots chatbot chatbots ai ki ia machine maschine maskine maquina computer
  automat automaten automated automatic automatisch automatische automatiske automatique automatico`);

/** Negations and contrasts before a bot word: "not a bot", "rather than a bot", "kein Chatbot". */
const NOT = set(`not no than instead nicht kein keinen keinem keine statt anstatt als niet geen dan pas plutot
  que ikke ingen end isn't don't dont`);

/** First-person "I am" before "not a robot" is about a captcha, not a request. */
const I_AM = set("i'm am bin suis soy ben er");

/** Words that make a sentence a request or wish (modal verbs, "please", "how do I"). */
const REQUEST =
  set(`can could may might want wanna would i'd like need needs please let prefer rather possible
  how where demand insist request requesting ask asking give get have can't cant
  kann kannst konnen konnte konnten mochte mochten will wurde wurden bitte gerne gern wie lasst brauche
  darf durfen hatte verlange wunsche moglich
  kan kun kunt mag wil wilt zou graag hoe moet liever
  peux pouvez puis puisse voudrais veux voulez souhaite souhaiterais possible comment faut aimerais
  svp plait demande
  puedo puede podria podrian quiero quisiera querria necesito como favor gustaria prefiero pido
  vil gerne ma hvordan kunne onsker foretraekker beder`);

/** Negations that cancel a request ("I don't need to talk to anyone"). */
const NEGATION = set(
  `not don't dont doesn't no never nicht kein keine niet geen pas jamais nunca ikke aldrig`,
);

const PARTICLE = set(`to with a an the some one your of from in at mit einem einer einen dem den der die ein
  this that these dies diese diesem dieser dit deze dat ce cette cet este esta ese esa denne dette qu
  met een de het van à a un une avec le la les des du con una el al med en et til fra
  real actual live proper echten echte echter richtigen vraie vrai real verdadera verdadero rigtigt rigtig`);

// English contractions stay one word ("don't", "i'd"); French elisions split ("j'aimerais" → "j", "aimerais").
const CONTRACTION = /^[\p{L}]+'(?:t|s|d|ll|ve|re|m)$/u;

function words(clause: string): string[] {
  const out: string[] = [];
  for (const raw of clause.match(/[\p{L}\p{M}\p{N}']+/gu) ?? []) {
    const w = foldDiacritics(raw.replace(/^'+|'+$/g, ""));
    if (!w) continue;
    if (CONTRACTION.test(w)) out.push(w);
    else out.push(...w.split("'").filter(Boolean));
  }
  return out;
}

/** Sentences, each a list of clauses (split at commas), each a list of words. */
function sentences(text: string): string[][][] {
  const normalized = normalizeText(text.slice(0, 20_000)).replace(/[’`´]/g, "'");
  return normalized
    .split(/[.!?;¿¡:]+|\s[-–—]\s/u)
    .map((s) =>
      s
        .split(/,/)
        .map(words)
        .filter((ws) => ws.length > 0),
    )
    .filter((clauses) => clauses.length > 0);
}

function isPerson(words: readonly string[], i: number): boolean {
  const w = words[i] ?? "";
  const person = PERSON.has(w) || PERSON_SUFFIXES.some((s) => w.length > s.length + 2 && w.endsWith(s));
  if (!person) return false;
  // "the delivery agent", "a travel agent": someone outside support.
  if (NOT_SUPPORT.has(words[i - 1] ?? "") || NOT_SUPPORT.has(words[i - 2] ?? "")) return false;
  if (HUMAN.has(w) && HUMAN_FALSE_FRIENDS.has(words[i + 1] ?? "")) return false;
  // French "personne" alone means "nobody"; only "une/la/vraie personne" is a person.
  return true;
}

function isHuman(words: readonly string[], p: number): boolean {
  if (HUMAN.has(words[p] ?? "") || REAL.has(words[p - 1] ?? "") || REAL.has(words[p + 1] ?? "")) return true;
  // "una persona de verdad": made unmistakably human after the noun.
  return words[p + 1] === "de" && words[p + 2] === "verdad";
}

function isFrenchPersonne(words: readonly string[], i: number): boolean {
  return words[i] === "personne" && ["une", "la", "vraie", "autre"].includes(words[i - 1] ?? "");
}

function negatedBefore(words: readonly string[], i: number, span: number): boolean {
  for (let k = Math.max(0, i - span); k < i; k++) if (NEGATION.has(words[k] ?? "")) return true;
  return false;
}

/** "not a bot", "kein Roboter", "pas à un robot", "rather than a bot"; never "I'm not a robot". */
function refusesBot(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!BOT.has(words[i] ?? "")) continue;
    for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
      const w = words[k] ?? "";
      if (NOT.has(w)) return !I_AM.has(words[k - 1] ?? "") && !I_AM.has(words[k - 2] ?? "");
      // "not a bot", "no quiero un bot", "don't want a bot": articles and wishes may come between.
      if (!PARTICLE.has(w) && !REQUEST.has(w)) break;
    }
  }
  return false;
}

function asksInSentence(clauses: readonly string[][]): boolean {
  // The request cue may sit in another clause: "Is it possible, to speak to someone?"
  const hasRequest = clauses.some((ws) => ws.some((w) => REQUEST.has(w)));
  const single = clauses.length === 1 ? clauses[0] : undefined;
  return clauses.some((ws) => asksInClause(ws, hasRequest, single !== undefined && single.length <= 3));
}

function asksInClause(words: readonly string[], hasRequest: boolean, short: boolean): boolean {
  if (refusesBot(words)) return true;
  const people: number[] = [];
  for (let i = 0; i < words.length; i++) if (isPerson(words, i) || isFrenchPersonne(words, i)) people.push(i);
  if (people.length === 0) return false;
  // A sentence of one to three words naming a person is a request in a support chat: "Agent please".
  if (short && words.every((w, i) => people.includes(i) || PARTICLE.has(w) || REQUEST.has(w))) return true;
  for (const p of people) {
    if (negatedBefore(words, p, 5)) continue;
    if (isHuman(words, p) && hasRequest) return true;
    // "Put me through to one of your support agents": the verb may stand further before the person.
    for (let v = Math.max(0, p - 8); v <= Math.min(words.length - 1, p + 6); v++) {
      if (!SPEAK.has(words[v] ?? "") || negatedBefore(words, v, 3)) continue;
      // A request cue, or the verb opens the sentence (an imperative: "Put me through / Talk to ...").
      if (hasRequest || v === 0) return true;
    }
  }
  return false;
}

/** True when the customer asks to deal with a person instead of the AI. */
export function asksForHuman(text: string): boolean {
  return sentences(text).some(asksInSentence);
}
