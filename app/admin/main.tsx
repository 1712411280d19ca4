// Entry of assets/admin.html (the nav_bar location): connects to Zendesk and mounts the admin
// area; the browser's window, download and fetch of a locale file are passed in here. Must
// stay this thin.
import { render } from "preact";
import { createAdminZaf } from "../zaf/admin-client";
import { connectZaf } from "../zaf/connect";
import { AdminController } from "./admin.controller";
import { Admin } from "./Admin";
import { asCatalog } from "./i18n";

/** assets/admin.<locale>.json, next to this page (the build writes one per locale). */
async function loadStrings(locale: string) {
  const res = await fetch(new URL(`i18n/admin.${locale}.json`, document.baseURI));
  return res.ok ? asCatalog(await res.json()) : null;
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const root = document.getElementById("root");
const zaf = connectZaf(createAdminZaf);
if (root && zaf) {
  const controller = new AdminController({
    zaf,
    openWindow: (url) => void window.open(url, "_blank", "noopener"),
    download,
    loadStrings,
  });
  render(<Admin controller={controller} />, root);
  void controller.start();
} else if (root) {
  root.textContent = "oHallo runs inside Zendesk.";
}
