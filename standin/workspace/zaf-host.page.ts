// The browser side of the ZAF host: the script that speaks ZAF's postMessage protocol to an app
// framed in `<iframe id="app">` (docs: shared/reference/zendesk.md), and a bare host page for tests.
// Plain JS in a string, run as is in the page; it never sees a secure setting.

export interface PageConfig {
  appUrl: string;
  appOrigin: string;
  appGuid: string;
  appName: string;
  location: string;
  ticket: { id: number; subject: string; status: string } | null;
  context: Record<string, unknown>;
  metadata: Record<string, unknown>;
  values: Record<string, unknown>;
  /** Where `routeTo("ticket", id)` navigates the page ("{id}" replaced); unset: only recorded. */
  ticketUrl?: string;
  /** Where the page posts the app's requests (Zendesk's proxy for this account's installation). */
  proxyUrl?: string;
}

/** Runs in the host page. `window.zafHost` lets a test push events and read what happened. */
const HOST_SCRIPT = `
const cfg = JSON.parse(document.getElementById("zaf-config").textContent);
const frame = document.getElementById("app");
const subscriptions = new Set();
const log = [];
const host = (window.zafHost = { registered: false, subscriptions, log, resizes: [], routes: [], trigger });
function post(message) {
  frame.contentWindow.postMessage(JSON.stringify({ ...message, appGuid: cfg.appGuid }), cfg.appOrigin);
}
function trigger(event, message) {
  if (!subscriptions.has(event)) return false;
  post({ key: "zaf." + event, message });
  return true;
}
function answer(id, result) {
  post({ id, result });
}
function get(id, paths) {
  const result = { errors: {} };
  for (const path of paths) {
    if (path in cfg.values) result[path] = cfg.values[path];
    else result.errors[path] = { name: "APIUnavailable", message: '"' + path + '" Could not find handler' };
  }
  answer(id, result);
}
function invoke(id, calls) {
  const result = { errors: {} };
  for (const [name, args] of Object.entries(calls || {})) {
    if (name === "resize" && args && args[0]) {
      const { width, height } = args[0];
      if (height) frame.style.height = height;
      if (width) frame.style.width = width;
      host.resizes.push(args[0]);
      result[name] = null;
    } else if (name === "routeTo" && Array.isArray(args) && args[0] === "ticket") {
      host.routes.push(args);
      result[name] = null;
      if (cfg.ticketUrl) setTimeout(() => { window.location.href = cfg.ticketUrl.replace("{id}", encodeURIComponent(args[1])); });
    } else result.errors[name] = { name: "APIUnavailable", message: '"' + name + '" is not supported here' };
  }
  answer(id, result);
}
async function forward(key, options) {
  let reply;
  try {
    const res = await fetch(cfg.proxyUrl || "/__zaf/request", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(options),
    });
    reply = await res.json();
  } catch (error) {
    reply = { status: 0, statusText: "error", contentType: "", body: "" };
  }
  let json;
  if (/json/.test(reply.contentType || "")) {
    try { json = JSON.parse(reply.body); } catch {}
  }
  const xhr = { status: reply.status, statusText: reply.statusText, responseText: reply.body, responseJSON: json };
  if (reply.status >= 200 && reply.status < 300) {
    post({ key: "zaf." + key + ".done", message: { responseArgs: [json === undefined ? reply.body : json, "success", xhr] } });
  } else {
    post({ key: "zaf." + key + ".fail", message: { responseArgs: [xhr, "error", reply.statusText] } });
  }
}
window.addEventListener("message", (event) => {
  // Only the framed app, from its own origin, may talk to the host.
  if (event.source !== frame.contentWindow || event.origin !== cfg.appOrigin) return;
  let data;
  try { data = typeof event.data === "string" ? JSON.parse(event.data) : event.data; } catch { return; }
  if (!data || data.appGuid !== cfg.appGuid) return;
  log.push(data);
  const key = typeof data.key === "string" ? data.key : "";
  if (key === "iframe.handshake") {
    host.registered = true;
    post({ key: "zaf.app.registered", message: { context: cfg.context, metadata: cfg.metadata } });
  } else if (key.startsWith("iframe.on:")) {
    subscriptions.add(key.slice("iframe.on:".length));
  } else if (key.startsWith("iframe.off:")) {
    if (!data.message || !data.message.subscriberCount) subscriptions.delete(key.slice("iframe.off:".length));
  } else if (/^request:\\d+$/.test(key)) {
    forward(key, data.message || {});
  } else if (data.id !== undefined && data.request === "get") {
    get(data.id, Array.isArray(data.params) ? data.params : [data.params]);
  } else if (data.id !== undefined && data.request === "invoke") {
    invoke(data.id, data.params);
  } else if (data.id !== undefined) {
    post({ id: data.id, error: { name: "APIUnavailable", message: data.request + " is not supported here" } });
  }
});
frame.src = cfg.appUrl + "?origin=" + encodeURIComponent(location.origin) + "&app_guid=" + encodeURIComponent(cfg.appGuid);
`;

const STYLE = `
body{margin:0;font:14px/20px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#2f3941;background:#f8f9f9}
.topbar{height:44px;background:#03363d;color:#fff;display:flex;align-items:center;padding:0 16px;font-weight:600}
.workspace{display:flex;min-height:calc(100vh - 44px)}
.ticket{flex:1;padding:20px 24px;background:#fff;border-right:1px solid #d8dcde}
.ticket h1{margin:0 0 4px;font-size:18px;line-height:24px}
.ticket .meta{color:#68737d}
.apps{width:360px;padding:12px;box-sizing:border-box}
#panel{background:#fff;border:1px solid #d8dcde;border-radius:4px;overflow:hidden}
#panel header{display:flex;align-items:center;gap:8px;padding:10px 12px;border-bottom:1px solid #e9ebed;font-weight:600}
#panel header img{width:16px;height:16px;border-radius:3px}
#panel .body{padding:8px 12px 0}
#app{display:block;width:100%;height:80px;border:0}
.nav-bar #app{height:calc(100vh - 44px)}
`;

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/**
 * The config and the host script, for any page that holds `<iframe id="app">`: the app loads
 * when this runs. `window.zafHost.trigger(event)` pushes an event the app subscribed to.
 */
export function zafHostEmbed(config: PageConfig): string {
  return `<script type="application/json" id="zaf-config">${escapeJson(config)}</script>
<script>${HOST_SCRIPT}</script>`;
}

/** A nav_bar app fills the page under the top bar, as Zendesk shows it. */
function navBarPageHtml(config: PageConfig): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ZAF host: ${escapeHtml(config.appName)}</title>
<style>${STYLE}</style></head>
<body class="nav-bar">
<div class="topbar">Zendesk (local ZAF host): ${escapeHtml(config.appName)}</div>
<iframe id="app" title="${escapeHtml(config.appName)}"></iframe>
${zafHostEmbed(config)}
</body></html>`;
}

export function hostPageHtml(config: PageConfig): string {
  if (config.location === "nav_bar") return navBarPageHtml(config);
  const ticket = config.ticket;
  const heading = ticket ? `#${ticket.id} ${escapeHtml(ticket.subject)}` : escapeHtml(config.appName);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ZAF host: ${escapeHtml(config.appName)}</title>
<style>${STYLE}</style></head>
<body>
<div class="topbar">Zendesk (local ZAF host)</div>
<div class="workspace">
  <main class="ticket"><h1>${heading}</h1><p class="meta">${ticket ? `Status: ${escapeHtml(ticket.status)}` : ""}</p></main>
  <aside class="apps"><section id="panel">
    <header><img alt="" src="${config.appOrigin}/assets/logo-small.png">${escapeHtml(config.appName)}</header>
    <div class="body"><iframe id="app" title="${escapeHtml(config.appName)}"></iframe></div>
  </section></aside>
</div>
${zafHostEmbed(config)}
</body></html>`;
}
