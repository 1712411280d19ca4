// Entry of assets/admin.html (the nav_bar location, reserved for the admin area):
// for now it only says, in the agent's language, that the admin area is coming.
import { admin as da } from "../../translations/da.json";
import { admin as de } from "../../translations/de.json";
import { admin as en } from "../../translations/en.json";
import { admin as es } from "../../translations/es.json";
import { admin as fr } from "../../translations/fr.json";
import { admin as nl } from "../../translations/nl.json";
import { pickLocale } from "../i18n/i18n";
import { connectZaf } from "../zaf/connect";

const catalogs: Record<string, typeof en> = { en, de, fr, es, nl, da };

function show(locale: string) {
  const strings = catalogs[locale] ?? en;
  document.documentElement.lang = locale;
  const title = document.getElementById("title");
  const text = document.getElementById("text");
  if (title) title.textContent = strings.title;
  if (text) text.textContent = strings.coming;
}

show("en");
const zaf = connectZaf();
if (zaf) {
  zaf
    .get("currentUser")
    .then((user) => show(pickLocale(user.locale, Object.keys(catalogs))))
    .catch(() => undefined);
}
