// Entry of assets/index.html (the ticket_sidebar location): connects to Zendesk, mounts
// the sidebar and keeps the iframe as tall as its content. Must stay this thin.
import { render } from "preact";
import { fetchCatalog } from "../i18n/catalogs";
import { connectZaf } from "../zaf/connect";
import type { Zaf } from "../zaf/client";
import { SidebarController, type Visibility } from "./controller";
import { Sidebar } from "./Sidebar";

const documentVisibility: Visibility = {
  visible: () => document.visibilityState !== "hidden",
  onChange: (listener) => document.addEventListener("visibilitychange", listener),
};

/** Zendesk sizes the iframe; tell it our height whenever the content changes. */
function followHeight(zaf: Zaf, root: HTMLElement) {
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    zaf.resize(height).catch(() => undefined);
  }).observe(root);
}

const root = document.getElementById("root");
const zaf = connectZaf();
if (root && zaf) {
  const controller = new SidebarController({
    zaf,
    visibility: documentVisibility,
    loadCatalog: (locale) => fetchCatalog(locale, document.baseURI),
  });
  render(<Sidebar controller={controller} />, root);
  followHeight(zaf, root);
  void controller.start();
} else if (root) {
  root.textContent = "oHallo runs inside Zendesk.";
}
