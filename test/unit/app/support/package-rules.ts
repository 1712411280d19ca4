// Zendesk's package rules for a marketplace app (zendesk_apps_support's validations, as
// listed in shared/reference/zendesk.md), checked on a built package directory.
// Returns every violation as a sentence; never modifies the package. A few rules are stricter
// than Zendesk's validator, marked "stricter": Zendesk accepts any strings in domainWhitelist and
// only warns about a default on a secure or hidden parameter; this package never wants either.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";

const PARAMETER_TYPES = ["text", "checkbox", "url", "number", "multiline", "hidden", "oauth"];
const SECURE_SCOPES = [
  "header",
  "body",
  "url",
  "jwt_secret_key",
  "jwt_claim",
  "basic_auth_username",
  "basic_auth_password",
];
const MANIFEST_BOOLEANS = ["private", "singleInstall", "requirementsOnly", "marketingOnly", "signedUrls"];
const FORBIDDEN_EXTENSIONS =
  "rar zip gz gzip tgz pdf doc docx avi bin bz bz2 csh sh jar mp3 mpeg odt pptx ppt xls xlsx 7z exe dll so dmg".split(
    " ",
  );
const REQUIREMENT_TYPES =
  "automations channel_integrations custom_objects macros targets views ticket_fields triggers user_fields organization_fields webhooks custom_objects_v2".split(
    " ",
  );
const ICON_LOCATIONS = ["top_bar", "nav_bar", "system_top_bar", "ticket_editor"];
const VALID_LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;
/** A host name as Zendesk's manifest reference lists them ("omniwear.com"), or `*.` before one. */
const WHITELIST_HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() && !entry.isSymbolicLink() ? [path, ...listFiles(path)] : [path];
  });
}

/** Width and height of a PNG from its IHDR chunk, or null when the file is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.toString("latin1", 1, 4) !== "PNG") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function checkPackage(dir: string): string[] {
  const errors: string[] = [];
  const files = listFiles(dir).map((f) => relative(dir, f));
  const has = (path: string) => files.includes(path);
  const json = new Map<string, unknown>();

  for (const file of files) {
    const stat = lstatSync(join(dir, file));
    if (stat.isSymbolicLink()) errors.push(`${file}: symlinks are not allowed`);
    if (stat.isDirectory()) continue;
    if (file.split("/").some((part) => part.startsWith(".")))
      errors.push(`${file}: dotfiles are not allowed`);
    if (FORBIDDEN_EXTENSIONS.includes(extname(file).slice(1).toLowerCase()))
      errors.push(`${file}: file type not allowed`);
    if (stat.mode & 0o111) errors.push(`${file}: executable files are not allowed`);
    if (file.endsWith(".json") && stat.isFile()) {
      try {
        json.set(file, JSON.parse(readFileSync(join(dir, file), "utf8")));
      } catch {
        errors.push(`${file}: not valid JSON`);
      }
    }
    if (file.endsWith(".svg") && /<script|<image|javascript:/i.test(readFileSync(join(dir, file), "utf8"))) {
      errors.push(`${file}: SVG with scripts or embedded images`);
    }
  }
  for (const required of [
    "manifest.json",
    "translations/en.json",
    "assets/logo.png",
    "assets/logo-small.png",
  ]) {
    if (!has(required)) errors.push(`${required} is missing`);
  }
  for (const [file, w, h] of [
    ["assets/logo.png", 320, 320],
    ["assets/logo-small.png", 128, 128],
  ] as const) {
    const size = has(file) ? pngSize(readFileSync(join(dir, file))) : null;
    if (has(file) && (size?.width !== w || size?.height !== h))
      errors.push(`${file}: must be a ${w}x${h} PNG`);
  }
  if (has("assets/banner.png")) {
    const size = pngSize(readFileSync(join(dir, "assets/banner.png")));
    const ok =
      size && ((size.width === 830 && size.height === 200) || (size.width === 1660 && size.height === 400));
    if (!ok) errors.push("assets/banner.png: must be a PNG of 830x200 or 1660x400");
  }

  const manifest = json.get("manifest.json");
  if (!isObject(manifest)) return [...errors, "manifest.json: not a JSON object"];
  errors.push(...checkManifest(manifest, has));
  errors.push(...checkTranslations(files, json, manifest));
  const requirements = json.get("requirements.json");
  if (requirements !== undefined) errors.push(...checkRequirements(requirements));
  return errors;
}

function checkManifest(m: Json, has: (path: string) => boolean): string[] {
  const errors: string[] = [];
  const author = m.author;
  if (!isObject(author)) errors.push("manifest: author is required");
  else {
    for (const key of ["name", "email", "url"]) {
      if (typeof author[key] !== "string") errors.push(`manifest: author.${key} must be a string`);
    }
    if (typeof author.url === "string" && !/^https?:\/\/[^/]+/.test(author.url))
      errors.push("manifest: author.url is not a URL");
  }
  if (typeof m.defaultLocale !== "string" || !VALID_LOCALE.test(m.defaultLocale))
    errors.push("manifest: defaultLocale is invalid");
  else if (!has(`translations/${m.defaultLocale}.json`))
    errors.push("manifest: no translation file for defaultLocale");
  if (m.private !== false) errors.push("manifest: private must be false for a marketplace app");
  if (m.frameworkVersion !== "2.0") errors.push('manifest: frameworkVersion must be "2.0"');
  if (typeof m.version !== "string") errors.push("manifest: version must be a string");
  for (const key of MANIFEST_BOOLEANS) {
    if (key in m && typeof m[key] !== "boolean") errors.push(`manifest: ${key} must be a boolean`);
  }
  const whitelist = m.domainWhitelist;
  if (
    whitelist !== undefined &&
    !(Array.isArray(whitelist) && whitelist.every((d) => typeof d === "string"))
  ) {
    errors.push("manifest: domainWhitelist must be an array of strings");
  } else if (Array.isArray(whitelist)) {
    // Stricter: Zendesk's manifest reference lists bare hosts ("omniwear.com"); a scheme, port or
    // path is not a form it documents, so whether its proxy would match one is unknown.
    for (const entry of whitelist) {
      if (typeof entry === "string" && !WHITELIST_HOST.test(entry))
        errors.push(`manifest: domainWhitelist entry ${entry} is not a host name (no scheme, port or path)`);
    }
  }
  const products = isObject(m.location) ? Object.values(m.location) : [];
  if (products.length === 0) errors.push("manifest: location is required");
  for (const product of products) {
    if (!isObject(product)) continue;
    for (const [name, options] of Object.entries(product)) {
      const url = isObject(options) ? options.url : options;
      if (
        typeof url !== "string" ||
        !(url.startsWith("https://") || (url.startsWith("assets/") && has(url)))
      ) {
        errors.push(`manifest: location ${name} url ${String(url)} is not a file in assets/ nor https`);
      }
      if (isObject(options) && "flexible" in options && typeof options.flexible !== "boolean") {
        errors.push(`manifest: location ${name} flexible must be a boolean`);
      }
      if (
        ICON_LOCATIONS.includes(name) &&
        !has(`assets/icon_${name}.svg`) &&
        !has(`assets/icon_${name}.png`)
      ) {
        errors.push(`manifest: location ${name} needs assets/icon_${name}.svg`);
      }
    }
  }
  errors.push(...checkParameters(m.parameters));
  return errors;
}

function checkParameters(parameters: unknown): string[] {
  if (parameters === undefined) return [];
  if (!Array.isArray(parameters)) return ["manifest: parameters must be an array"];
  const errors: string[] = [];
  const names = parameters.map((p) => (isObject(p) ? p.name : undefined));
  for (const [i, p] of parameters.entries()) {
    if (!isObject(p) || typeof p.name !== "string") {
      errors.push(`parameter ${i}: needs a name`);
      continue;
    }
    const label = `parameter ${p.name}`;
    if (p.name === "name") errors.push(`${label}: "name" is not allowed as a parameter name`);
    if (names.indexOf(p.name) !== i) errors.push(`${label}: duplicate`);
    if (!PARAMETER_TYPES.includes(String(p.type ?? "text")))
      errors.push(`${label}: type ${String(p.type)} is not allowed`);
    for (const key of ["required", "secure"]) {
      if (key in p && typeof p[key] !== "boolean") errors.push(`${label}: ${key} must be a boolean`);
    }
    if (p.type === "hidden" && p.required === true)
      errors.push(`${label}: a hidden parameter cannot be required`);
    if ("default" in p) {
      // Stricter: Zendesk warns that such defaults are not stored securely.
      if (p.secure === true || p.type === "hidden")
        errors.push(`${label}: a secure or hidden parameter must not have a default`);
      if (p.type === "url" && !(typeof p.default === "string" && /^https?:\/\/[^/\s]+/.test(p.default)))
        errors.push(`${label}: the default of a url parameter must be an http(s) URL`);
    }
    if ("scopes" in p) {
      if (p.secure !== true) errors.push(`${label}: scopes need secure: true`);
      const scopes = p.scopes;
      if (!Array.isArray(scopes) || scopes.length === 0)
        errors.push(`${label}: scopes must be a non-empty array`);
      else if (scopes.some((s) => !SECURE_SCOPES.includes(String(s)))) errors.push(`${label}: unknown scope`);
    }
  }
  if (parameters.filter((p) => isObject(p) && p.type === "oauth").length > 1)
    errors.push("manifest: at most one oauth parameter");
  return errors;
}

function checkTranslations(files: string[], json: Map<string, unknown>, manifest: Json): string[] {
  const errors: string[] = [];
  const parameterNames = Array.isArray(manifest.parameters)
    ? manifest.parameters.flatMap((p) => (isObject(p) && typeof p.name === "string" ? [p.name] : []))
    : [];
  for (const file of files.filter((f) => f.startsWith("translations/"))) {
    const locale = file.match(/^translations\/(.*)\.json$/)?.[1];
    if (!locale || !VALID_LOCALE.test(locale)) errors.push(`${file}: not a valid locale file name`);
    const tree = json.get(file);
    if (!isObject(tree)) {
      errors.push(`${file}: not a JSON object`);
      continue;
    }
    const app = isObject(tree.app) ? tree.app : {};
    for (const key of ["name", "short_description", "long_description", "installation_instructions"]) {
      if (typeof app[key] !== "string" || app[key] === "") errors.push(`${file}: app.${key} is missing`);
    }
    const params = isObject(app.parameters) ? app.parameters : {};
    for (const name of parameterNames) {
      const entry = params[name];
      if (!isObject(entry) || typeof entry.label !== "string")
        errors.push(`${file}: app.parameters.${name}.label is missing`);
      if (!isObject(entry) || typeof entry.helpText !== "string")
        errors.push(`${file}: app.parameters.${name}.helpText is missing`);
    }
  }
  return errors;
}

function checkRequirements(requirements: unknown): string[] {
  if (!isObject(requirements)) return ["requirements.json: not a JSON object"];
  const errors: string[] = [];
  for (const [type, group] of Object.entries(requirements)) {
    if (!REQUIREMENT_TYPES.includes(type)) errors.push(`requirements.json: unknown requirement type ${type}`);
    if (!isObject(group)) continue;
    for (const [id, fields] of Object.entries(group)) {
      const needed =
        type === "webhooks" ? ["name", "status", "endpoint", "http_method", "request_format"] : ["title"];
      if (["channel_integrations", "custom_objects", "custom_objects_v2"].includes(type)) continue;
      for (const key of needed) {
        if (!isObject(fields) || !(key in fields))
          errors.push(`requirements.json: ${type}.${id} needs ${key}`);
      }
    }
  }
  return errors;
}
