// Topics on which a person, not the AI, should answer: legal threats, bank
// disputes, safety, personal data, the press, complaint bodies, fraud. When a
// person took over right after a customer wrote about one and no policy caught
// it, that is evidence for a policy (learning.offline.ts); a suggestion follows
// only when it recurs. Words in en, de, fr, es, nl, da; matched as policies
// match (whole words or phrases, diacritics folded). Pure.
import { matchPolicies } from "../policies/policy.match";

export interface RiskTopic {
  key: string;
  /** The suggested policy's topic and rule (English; an admin edits them before approving). */
  topic: string;
  rule: string;
  keywords: readonly string[];
}

const words = (text: string) =>
  text
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);

export const RISK_TOPICS: readonly RiskTopic[] = [
  {
    key: "legal",
    topic: "Legal threats",
    rule: "If the customer threatens legal action or mentions a lawyer or a court, do not answer from the KB; hand the ticket to a person.",
    keywords:
      words(`lawyer, lawyers, attorney, solicitor, sue you, suing, lawsuit, legal action, court, small claims,
      Anwalt, Anwältin, Rechtsanwalt, Anwaltskanzlei, verklagen, Klage einreichen, vor Gericht, rechtliche Schritte,
      avocat, avocate, tribunal, procès, poursuites, action en justice, mise en demeure,
      abogado, abogada, demandar, tribunales, acciones legales,
      advocaat, rechtszaak, naar de rechter, juridische stappen, dagvaarding,
      advokat, retssag, sagsøge, stævning`),
  },
  {
    key: "payment_dispute",
    topic: "Bank and card disputes",
    rule: "If the customer says they disputed the payment with their bank or card issuer (a chargeback), do not answer from the KB; hand the ticket to a person.",
    keywords:
      words(`chargeback, charge back, dispute the charge, disputed the charge, dispute with my bank, PayPal dispute,
      Rückbuchung, Rücklastschrift, Zahlung zurückbuchen, Widerspruch bei der Bank,
      rétrofacturation, opposition bancaire, litige bancaire, contestation de paiement,
      contracargo, retrocargo, disputa con el banco,
      terugboeking, betaling terugdraaien,
      tilbageførsel, indsigelse mod betalingen`),
  },
  {
    key: "safety",
    topic: "Injury and product safety",
    rule: "If the customer reports an injury, a fire, smoke, an electric shock or another danger from a product, do not answer from the KB; hand the ticket to a person.",
    keywords:
      words(`injury, injured, hurt myself, burned, burnt, caught fire, on fire, smoke, smoking, electric shock, exploded,
      allergic reaction, hospital, dangerous,
      Verletzung, verletzt, verbrannt, Brandgefahr, Feuer gefangen, Rauch, Stromschlag, explodiert, allergische Reaktion,
      Krankenhaus, gefährlich,
      blessure, blessé, blessée, brûlure, brûlé, incendie, fumée, électrocuté, explosé, réaction allergique, hôpital,
      dangereux,
      lesión, herido, herida, quemadura, quemado, incendio, humo, descarga eléctrica, explotó, reacción alérgica,
      hospital, peligroso,
      verwonding, gewond, verbrand, in brand, rook, elektrische schok, ontploft, allergische reactie, ziekenhuis,
      gevaarlijk,
      kvæstet, forbrænding, forbrændt, brændte, røg, elektrisk stød, eksploderede, allergisk reaktion,
      hospitalet, farlig`),
  },
  {
    key: "personal_data",
    topic: "Personal data requests",
    rule: "If the customer asks to see, correct, export or delete their personal data (GDPR), do not answer from the KB; hand the ticket to a person.",
    keywords:
      words(`GDPR, personal data, delete my data, data protection, right to be forgotten, subject access request,
      DSGVO, Datenschutz, personenbezogene Daten, meine Daten löschen, Auskunft nach Artikel 15,
      RGPD, données personnelles, supprimer mes données, protection des données, droit à l'oubli,
      datos personales, borrar mis datos, protección de datos, derecho al olvido,
      AVG, persoonsgegevens, mijn gegevens verwijderen, inzageverzoek,
      persondata, personoplysninger, databeskyttelse, slet mine data`),
  },
  {
    key: "press",
    topic: "Press and public complaints",
    rule: "If the customer mentions journalists, the press or going public about the matter, do not answer from the KB; hand the ticket to a person.",
    keywords: words(`journalist, journalists, newspaper, the press, the media, go public, going public,
      Journalist, Journalistin, Zeitung, Presse, Medien, an die Öffentlichkeit,
      journaliste, la presse, médias, rendre public,
      periodista, periódico, la prensa, los medios, hacerlo público,
      journalist, krant, de pers, de media, naar buiten brengen,
      avisen, medierne, gå til pressen`),
  },
  {
    key: "complaint_body",
    topic: "Complaints to authorities",
    rule: "If the customer says they will complain or have complained to a consumer authority, an ombudsman or a regulator, do not answer from the KB; hand the ticket to a person.",
    keywords:
      words(`ombudsman, trading standards, consumer protection, consumer authority, regulator, complaints board,
      Verbraucherzentrale, Verbraucherschutz, Schlichtungsstelle, Ombudsstelle,
      DGCCRF, médiateur, association de consommateurs, protection des consommateurs,
      OCU, defensor del consumidor, oficina del consumidor, hoja de reclamaciones,
      Consumentenbond, geschillencommissie, ACM, consumentenautoriteit,
      Forbrugerrådet, Forbrugerklagenævnet, Forbrugerombudsmanden, Nævnenes Hus`),
  },
  {
    key: "fraud",
    topic: "Fraud and account security",
    rule: "If the customer reports fraud, a scam, a stolen card or a hacked account, do not answer from the KB; hand the ticket to a person.",
    keywords:
      words(`fraud, fraudulent, scam, scammed, stolen card, hacked, unauthorised, unauthorized, identity theft,
      Betrug, betrügerisch, Abzocke, gestohlene Karte, gehackt, nicht autorisiert, Identitätsdiebstahl,
      fraude, frauduleux, arnaque, escroquerie, carte volée, piraté, usurpation d'identité,
      fraude, estafa, timo, tarjeta robada, hackeado, robo de identidad,
      fraude, oplichting, opgelicht, gestolen kaart, gehackt, identiteitsfraude,
      svindel, bedrageri, snyd, stjålet kort, hacket, identitetstyveri`),
  },
];

const AS_POLICIES = RISK_TOPICS.map((t) => ({
  topic: t,
  status: "approved" as const,
  action: "escalate" as const,
  conditions: { keywords: [...t.keywords] },
}));

/** The risk topics a text mentions, with the keyword that showed each. */
export function riskTopics(text: string): { topic: RiskTopic; keyword: string }[] {
  return matchPolicies(text, AS_POLICIES).map((m) => ({ topic: m.policy.topic, keyword: m.keyword }));
}
