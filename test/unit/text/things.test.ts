// Named things of a kind (text/things.ts): which countries, payment methods and carriers a text names.
// Messages written for these tests, not taken from any labelled set.
import { describe, expect, it } from "vitest";
import type { Language } from "../../../worker/src/text/language";
import { covers, namedThings } from "../../../worker/src/text/things";

const named = (text: string, language: Language = "en") =>
  Object.fromEntries([...namedThings(text, language)].map(([k, ids]) => [k, [...ids].sort()]));

describe("namedThings", () => {
  it("finds countries by name and adjective, in the six languages, with or without diacritics", () => {
    expect(named("Do you ship to Austria or Switzerland?")).toEqual({ country: ["AT", "CH"] });
    expect(named("Liefern Sie nach Österreich?", "de")).toEqual({ country: ["AT"] });
    expect(named("Liefern Sie nach Osterreich?", "de")).toEqual({ country: ["AT"] });
    expect(named("ich habe eine deutsche Adresse", "de")).toEqual({ country: ["DE"] });
    expect(named("Livrez-vous aux Pays-Bas ?", "fr")).toEqual({ country: ["NL"] });
    expect(named("¿Enviáis a Países Bajos o a Bélgica?", "es")).toEqual({ country: ["BE", "NL"] });
    expect(named("Leveren jullie in België?", "nl")).toEqual({ country: ["BE"] });
    expect(named("Sender I til Tyskland og Norge?", "da")).toEqual({ country: ["DE", "NO"] });
  });
  it("keeps aliases out of the languages where they are everyday words", () => {
    expect(named("a suede sofa for our island cottage")).toEqual({ product: ["sofa"] });
    expect(named("Hej, hvor lille er pakken?", "da")).toEqual({});
    expect(named("Kommt das sofort? Ups, falsche Nummer. Viele Grüße, Malte", "de")).toEqual({});
    expect(named("an ideal gift")).toEqual({});
    expect(named("Kan ik met iDEAL betalen?", "nl")).toEqual({ payment: ["ideal"] });
    expect(named("Can I pay with iDEAL?")).toEqual({ payment: ["ideal"] });
    expect(named("Can it go with UPS?")).toEqual({ carrier: ["ups"] });
  });
  it("takes the longest name at each word, across kinds", () => {
    expect(named("Do you take American Express?")).toEqual({ payment: ["amex"] });
    expect(named("Kommt es mit der Deutschen Post?", "de")).toEqual({ carrier: ["deutschepost"] });
    expect(named("Ups, das war ein Tippfehler.", "de")).toEqual({});
    expect(named("Kommt es mit der Deutsche Post?", "de")).toEqual({ carrier: ["deutschepost"] });
    expect(named("Kann ich per SEPA-Lastschrift oder Sofortüberweisung zahlen?", "de")).toEqual({
      payment: ["debit", "sofort"],
    });
  });
  it("finds gift cards in the six languages, and not gift wrapping or a discount voucher", () => {
    expect(named("Can I return the gift cards?")).toEqual({ voucher: ["giftcard"] });
    expect(named("Verschicken Sie Geschenkgutscheine per Post?", "de")).toEqual({ voucher: ["giftcard"] });
    expect(named("Puis-je payer avec une carte cadeau ?", "fr")).toEqual({ voucher: ["giftcard"] });
    expect(named("¿Vendéis tarjetas regalo?", "es")).toEqual({ voucher: ["giftcard"] });
    expect(named("Hebben jullie cadeaubonnen?", "nl")).toEqual({ voucher: ["giftcard"] });
    expect(named("Sælger I gavekort?", "da")).toEqual({ voucher: ["giftcard"] });
    expect(named("Do you offer gift wrapping?")).toEqual({});
    expect(named("Est-ce que vous proposez un emballage cadeau ?", "fr")).toEqual({});
    expect(named("Mein Gutschein ist abgelaufen.", "de")).toEqual({});
  });
  it("reads paying by invoice as a payment method, an invoice alone as a document", () => {
    expect(named("Geht auch Kauf auf Rechnung?", "de")).toEqual({ payment: ["invoice"] });
    expect(named("Kann ich eine Rechnung bekommen?", "de")).toEqual({});
  });
});

describe("round 4 kinds", () => {
  it("reads a city as its country", () => {
    expect(named("Wie lange dauert der Versand nach Wien?", "de")).toEqual({ country: ["AT"] });
    expect(named("Do you deliver to Copenhagen?")).toEqual({ country: ["DK"] });
  });
  it("finds kinds of product, materials, groups, ranges and channels", () => {
    expect(named("Are your crystal glasses dishwasher-safe?")).toEqual({
      material: ["crystal"],
      product: ["appliance", "glassware"],
    });
    expect(named("Is there a discount for students on Outlet items?")).toEqual({
      group: ["student"],
      range: ["outlet"],
    });
    expect(named("Can I order by phone?")).toEqual({ channel: ["phone"] });
  });
  it("reads the parts of German, Dutch and Danish compounds", () => {
    expect(named("Ist der Esstisch aus Eiche?", "de")).toEqual({ product: ["table"], material: ["oak"] });
    expect(named("Gibt es einen Studentenrabatt?", "de")).toEqual({ group: ["student"] });
    expect(named("Kan ik een bureaulamp retourneren?", "nl")).toEqual({ product: ["lamp"] });
  });
  it("covers a thing by any of its ancestors", () => {
    expect(covers("product", new Set(["homegoods"]), "curtain")).toBe(true);
    expect(covers("product", new Set(["electronics"]), "kettle")).toBe(true);
    expect(covers("product", new Set(["electronics"]), "sofa")).toBe(false);
    expect(covers("country", new Set(["EU"]), "SI")).toBe(true);
    expect(covers("country", new Set(["EU"]), "CH")).toBe(false);
  });
});

describe("covers", () => {
  it("counts a card brand as a card and a card as any listed brand", () => {
    expect(covers("payment", new Set(["visa", "paypal"]), "card")).toBe(true);
    expect(covers("payment", new Set(["card"]), "amex")).toBe(true);
    expect(covers("payment", new Set(["visa"]), "amex")).toBe(false);
    expect(covers("payment", new Set(["klarna"]), "paypal")).toBe(false);
  });
});
