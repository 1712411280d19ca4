// Builds the Zendesk app package and checks it: Zendesk's marketplace package rules,
// the sidebar's 19 KB gzipped budget, the contract's manifest and requirements, and the
// deployment's origin written as backend_url's default and the only domainWhitelist entry.
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyDeploymentOrigin,
  type BuildResult,
  buildApp,
  describeOrigin,
  inlineGardenTokens,
  LOCAL_ORIGIN,
  parsePublicOrigin,
  type SizeReport,
} from "../../../scripts/build-app";
import { checkPackage } from "./support/package-rules";

const dir = mkdtempSync(join(tmpdir(), "ohallo-app-"));
let built: BuildResult;
/** Built for one deployment's origin, as `npm run deploy` builds it. */
let deployed: BuildResult;
const read = (path: string) => JSON.parse(readFileSync(join(built.outDir, path), "utf8"));
const sourceManifest = () =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../../../manifest/manifest.json"), "utf8"));

beforeAll(async () => {
  // Null: the development package, whatever OHALLO_PUBLIC_ORIGIN the shell has.
  built = await buildApp({ outDir: join(dir, "app"), publicOrigin: null });
  deployed = await buildApp({
    outDir: join(dir, "deployed"),
    publicOrigin: "https://OHallo-Zendesk.acme.workers.dev/",
  });
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the built package (dist/app)", () => {
  it("passes Zendesk's marketplace package rules", () => {
    expect(checkPackage(built.outDir)).toEqual([]);
  });

  it("keeps the sidebar (JS + CSS + HTML, SDK included) within 19 KB gzipped", () => {
    const report = JSON.parse(readFileSync(built.reportPath, "utf8")) as SizeReport;
    expect(report.budget).toBe(19 * 1024);
    expect(report.sidebar.total).toBe(report.sidebar.js + report.sidebar.css + report.sidebar.html);
    expect(report.sidebar.total).toBeLessThanOrEqual(19 * 1024);
  });

  it("keeps the admin area (its own bundle) within its budget, and out of the sidebar", () => {
    const report = JSON.parse(readFileSync(built.reportPath, "utf8")) as SizeReport;
    expect(report.admin.total).toBe(report.admin.js + report.admin.css + report.admin.html);
    expect(report.admin.total).toBeLessThanOrEqual(report.adminBudget);
    expect(report.adminLocale).toBeGreaterThan(0);
    const sidebar = readFileSync(join(built.outDir, "assets/sidebar.js"), "utf8");
    expect(sidebar).not.toContain("Pending review");
    // Only the ticket view's schemas (common/ticket.schema.ts), none of the admin API's.
    expect(sidebar).not.toContain("would_answer");
    const html = readFileSync(join(built.outDir, "assets/admin.html"), "utf8");
    expect(html).toContain('src="admin.js"');
    expect(html).toContain('href="admin.css"');
    for (const locale of ["de", "fr", "es", "nl", "da"]) {
      const strings = read(`assets/i18n/admin.${locale}.json`) as Record<string, string>;
      expect(strings["tab.review"], locale).toBe(read(`translations/${locale}.json`).admin["tab.review"]);
    }
  });

  it("declares the contract's locations and settings; the API secret is secure and not required", () => {
    const manifest = read("manifest.json");
    expect(manifest.location.support.ticket_sidebar).toEqual({ url: "assets/index.html", flexible: true });
    expect(manifest.location.support.nav_bar).toEqual({ url: "assets/admin.html" });
    expect(manifest.parameters).toEqual([
      { name: "backend_url", type: "url", required: true, secure: false, default: LOCAL_ORIGIN },
      { name: "api_secret", type: "text", required: false, secure: true, scopes: ["header"] },
    ]);
  });

  it("without an origin, is the package for the local Worker, and says so", () => {
    expect(built.origin).toEqual({ origin: "http://localhost:8787", host: "localhost", given: false });
    expect(read("manifest.json").domainWhitelist).toEqual(["localhost"]);
    // The source manifest holds exactly what a build for LOCAL_ORIGIN writes.
    expect(applyDeploymentOrigin(sourceManifest(), parsePublicOrigin(LOCAL_ORIGIN))).toEqual(
      sourceManifest(),
    );
    expect(describeOrigin(built.origin)).toMatch(/No deployment origin given \(OHALLO_PUBLIC_ORIGIN\)/);
  });

  it("for a deployment, names its origin as backend_url's default and its host alone in domainWhitelist", () => {
    const manifest = JSON.parse(readFileSync(join(deployed.outDir, "manifest.json"), "utf8"));
    expect(deployed.origin).toEqual({
      origin: "https://ohallo-zendesk.acme.workers.dev",
      host: "ohallo-zendesk.acme.workers.dev",
      given: true,
    });
    expect(manifest.parameters[0]).toEqual({
      name: "backend_url",
      type: "url",
      required: true,
      secure: false,
      default: "https://ohallo-zendesk.acme.workers.dev",
    });
    expect(manifest.parameters[1]).not.toHaveProperty("default");
    expect(manifest.domainWhitelist).toEqual(["ohallo-zendesk.acme.workers.dev"]);
    expect(checkPackage(deployed.outDir)).toEqual([]);
    expect(describeOrigin(deployed.origin)).toBe(
      "Backend: https://ohallo-zendesk.acme.workers.dev (the backend_url setting's default; " +
        "domainWhitelist: ohallo-zendesk.acme.workers.dev).",
    );
    // Only the manifest differs from the development package.
    expect(readFileSync(join(deployed.outDir, "assets/sidebar.js"), "utf8")).toBe(
      readFileSync(join(built.outDir, "assets/sidebar.js"), "utf8"),
    );
  });

  it("creates the two views on install, and no webhook: the Worker registers its own on connect", () => {
    const requirements = read("requirements.json");
    expect(Object.keys(requirements)).toEqual(["views"]);
    const byTitle = Object.fromEntries(
      Object.values(requirements.views as Record<string, { title: string; all: unknown[] }>).map((v) => [
        v.title,
        v.all,
      ]),
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
    manifest.parameters[0].default = "ohallo.acme.com";
    manifest.parameters[1].default = "a-shared-secret";
    manifest.domainWhitelist = ["https://ohallo.acme.com/", "*.workers.dev", "localhost"];
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
    expect(errors).not.toContain("*.workers.dev");
    expect(errors).not.toContain("entry localhost");
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
      "parameter backend_url: the default of a url parameter must be an http(s) URL",
      "parameter api_secret: a secure or hidden parameter must not have a default",
      "domainWhitelist entry https://ohallo.acme.com/ is not a host name",
    ]) {
      expect(errors).toContain(expected);
    }
  });
});

describe("the deployment origin", () => {
  it.each([
    ["https://ohallo-zendesk.acme.workers.dev", "https://ohallo-zendesk.acme.workers.dev"],
    ["  https://OHALLO.acme.com/  ", "https://ohallo.acme.com"],
    ["https://ohallo.acme.com:8443", "https://ohallo.acme.com:8443"],
    ["http://localhost:8787", "http://localhost:8787"],
    ["http://127.0.0.1:8787/", "http://127.0.0.1:8787"],
  ])("%s → %s", (input, origin) => {
    expect(parsePublicOrigin(input).origin).toBe(origin);
  });

  it("whitelists the host without its port", () => {
    expect(parsePublicOrigin("https://ohallo.acme.com:8443").host).toBe("ohallo.acme.com");
  });

  it.each([
    ["ohallo.acme.com", /not a URL/],
    ["http://ohallo.acme.com", /must start with https:\/\//],
    ["https://ohallo.acme.com/api", /without a path/],
    ["https://ohallo.acme.com/?x=1", /without a path, query/],
    ["https://user:pw@ohallo.acme.com", /user name or password/],
    ["", /not a URL/],
  ])("refuses %j", (input, message) => {
    expect(() => parsePublicOrigin(input)).toThrow(message);
  });

  it("needs a backend_url parameter to write it into", () => {
    expect(() =>
      applyDeploymentOrigin({ parameters: [] }, parsePublicOrigin("https://ohallo.acme.com")),
    ).toThrow(/no backend_url/);
  });
});

describe("Garden tokens", () => {
  it("writes each token's value in place, tokens naming tokens too, and fails on an unknown one", () => {
    const garden = ":root{--zd-a:1px;--zd-b:var(--zd-c);--zd-c:red;--zd-unused:0}";
    expect(inlineGardenTokens(".x{width:var(--zd-a);color:var( --zd-b );--tone:var(--zd-c)}", garden)).toBe(
      ".x{width:1px;color:red;--tone:red}",
    );
    expect(() => inlineGardenTokens(".x{color:var(--zd-nope)}", garden)).toThrow(/--zd-nope/);
    expect(() => inlineGardenTokens(".x{color:var(--zd-a, 2px)}", garden)).toThrow(/fallback/);
  });

  it("leaves no token in the built CSS", () => {
    for (const file of ["sidebar.css", "admin.css"]) {
      const css = readFileSync(join(built.outDir, "assets", file), "utf8");
      expect(css, file).not.toMatch(/--zd-/);
      expect(css, file).toMatch(/color:#/);
    }
  });
});
