// Fails fast when npm scripts run on a Node older than the project needs.
// The devDependency `node` puts Node 22 in node_modules/.bin; if its install
// script was skipped (e.g. `npm ci --ignore-scripts`), scripts silently fall
// back to the machine's Node, and wrangler/vitest then fail in obscure ways.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `oHallo needs Node >= 22.12 (found ${process.versions.node}).\n` +
      "Run `npm ci` without --ignore-scripts so the pinned Node 22 from devDependencies is installed.",
  );
  process.exit(1);
}
