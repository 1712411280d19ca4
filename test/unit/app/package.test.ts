// Builds the Zendesk app package and checks it: Zendesk's marketplace package rules,
// the sidebar's 25 KB gzipped budget, and the contract's manifest and requirements.
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildResult, buildApp, inlineGardenTokens, type SizeReport } from "../../../scripts/build-app";
import { checkPackage } from "./support/package-rules";

const dir = mkdtempSync(join(tmpdir(), "ohallo-app-"));
let built: BuildResult;
const read = (path: string) => JSON.parse(readFileSync(join(built.outDir, path), "utf8"));

beforeAll(async () => {
  built = await buildApp({ outDir: join(dir, "app") });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the built package (dist/app)", () => {
  it("passes Zendesk's marketplace package rules", () => {
    expect(checkPackage(built.outDir)).toEqual([]);
  });

  it("keeps the sidebar (JS + CSS + HTML, SDK included) within 25 KB gzipped", () => {
    const report = JSON.parse(readFileSync(built.reportPath, "utf8")) as SizeReport;
    expect(report.budget).toBe(25 * 1024);
    expect(report.sidebar.total).toBe(report.sidebar.js + report.sidebar.css + report.sidebar.html);
    expect(report.sidebar.total).toBeLessThanOrEqual(25 * 1024);
  });

  it("keeps the admin area (its own bundle) within its budget, and out of the sidebar", () => {
    const report = JSON.parse(readFileSync(built.reportPath, "utf8")) as SizeReport;
    expect(report.admin.total).toBe(report.admin.js + report.admin.css + report.admin.html);
    expect(report.admin.total).toBeLessThanOrEqual(report.adminBudget);
    expect(report.adminLocale).toBeGreaterThan(0);
    const sidebar = readFileSync(join(built.outDir, "assets/sidebar.js"), "utf8");
    expect(sidebar).not.toContain("Pending review");
    const html = readFileSync(join(built.outDir, "assets/admin.html"), "utf8");
    expect(html).toContain('src="admin.js"');
    expect(html).toContain('href="admin.css"');
    for (const locale of ["de", "fr", "es", "nl", "da"]) {
      const strings = read(`assets/i18n/admin.${locale}.json`) as Record<string, string>;
      expect(strings["tab.review"], locale).toBe(read(`translations/${locale}.json`).admin["tab.review"]);
    }
  });

  it("declares the contract's locations and settings", () => {
    const manifest = read("manifest.json");
    expect(manifest.location.support.ticket_sidebar).toEqual({ url: "assets/index.html", flexible: true });
    expect(manifest.location.support.nav_bar).toEqual({ url: "assets/admin.html" });
    expect(manifest.parameters).toEqual([
      { name: "backend_url", type: "url", required: true, secure: false },
      { name: "api_secret", type: "text", required: true, secure: true, scopes: ["header"] },
    ]);
    expect(manifest.domainWhitelist.length).toBeGreaterThan(0);
  });

  it("lets the build name the Worker's host for domainWhitelist", async () => {
    const other = await buildApp({ outDir: join(dir, "custom"), workerHost: "ohallo.acme.com" });
    expect(JSON.parse(readFileSync(join(other.outDir, "manifest.json"), "utf8")).domainWhitelist).toEqual([
      "ohallo.acme.com",
    ]);
  });

  it("creates the signed event webhook and the two views on install", () => {
    const { webhooks, views } = read("requirements.json");
    const hook = Object.values(webhooks)[0] as Record<string, unknown>;
    expect(hook).toMatchObject({
      status: "active",
      endpoint: "{{setting.backend_url}}/webhooks/zendesk",
      http_method: "POST",
      request_format: "json",
    });
    expect(hook.subscriptions).toEqual([
      "zen:event-type:ticket.comment_added",
      "zen:event-type:ticket.created",
      "zen:event-type:ticket.status_changed",
    ]);
    const byTitle = Object.fromEntries(
      Object.values(views as Record<string, { title: string; all: unknown[] }>).map((v) => [v.title, v.all]),
    );
    expect(byTitle["AI needs attention"]).toContainEqual({
      field: "current_tags",
      operator: "includes",
      value: "ohallo_attention",
    });
    expect(byTitle["Taken over"]).toContainEqual({
      field: "current_tags",
      operator: "includes",
      value: "ohallo_human",
    });
  });

  it("sends the secret only as Zendesk's placeholder", () => {
    for (const file of ["assets/sidebar.js", "assets/admin.js"]) {
      const js = readFileSync(join(built.outDir, file), "utf8");
      expect(js, file).toContain("Bearer {{setting.api_secret}}");
      expect(js, file).not.toMatch(/zod\/v4|native-promise-only/);
    }
  });
});

describe("the package rules check", () => {
  it("catches what Zendesk rejects", () => {
    const broken = join(dir, "broken");
    cpSync(built.outDir, broken, { recursive: true });
    const manifest = read("manifest.json");
    manifest.private = true;
    manifest.frameworkVersion = "1.0";
    manifest.parameters.push({ name: "name", type: "password", scopes: ["header"], required: "yes" });
    manifest.location.support.top_bar = { url: "assets/missing.html" };
    writeFileSync(join(broken, "manifest.json"), JSON.stringify(manifest));
    writeFileSync(join(broken, "translations/de.json"), "{ not json");
    writeFileSync(join(broken, "assets/.DS_Store"), "");
    writeFileSync(join(broken, "assets/app.zip"), "PK");
    writeFileSync(join(broken, "assets/run.js"), "");
    chmodSync(join(broken, "assets/run.js"), 0o755);
    symlinkSync("logo.png", join(broken, "assets/link.png"));
    writeFileSync(join(broken, "assets/banner.png"), readFileSync(join(broken, "assets/logo.png")));
    const errors = checkPackage(broken).join("\n");
    for (const expected of [
      "private must be false",
      "frameworkVersion",
      '"name" is not allowed',
      "type password is not allowed",
      "scopes need secure: true",
      "required must be a boolean",
      "top_bar url assets/missing.html",
      "needs assets/icon_top_bar.svg",
      "translations/de.json: not valid JSON",
      "assets/.DS_Store: dotfiles",
      "assets/app.zip: file type not allowed",
      "assets/run.js: executable",
      "assets/link.png: symlinks",
      "banner.png: must be a PNG of 830x200",
      "app.parameters.name.label is missing",
    ]) {
      expect(errors).toContain(expected);
    }
  });
});

describe("Garden tokens", () => {
  it("inlines only the tokens used, and fails on an unknown one", () => {
    const garden = ":root{--zd-a:1px;--zd-b:var(--zd-c);--zd-c:red;--zd-unused:0}";
    expect(inlineGardenTokens(".x{width:var(--zd-a);color:var(--zd-b)}", garden)).toBe(
      ":root{--zd-a:1px;--zd-b:var(--zd-c);--zd-c:red}\n.x{width:var(--zd-a);color:var(--zd-b)}",
    );
    expect(() => inlineGardenTokens(".x{color:var(--zd-nope)}", garden)).toThrow(/--zd-nope/);
  });
});
