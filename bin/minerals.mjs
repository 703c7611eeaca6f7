#!/usr/bin/env node
// The `minerals` command. The CLI is written in TypeScript (scripts/minerals.ts) and compiled to JavaScript in dist/
// by `npm run build`, which `npm ci` runs (the `prepare` script): nothing is transformed at each call.
import { existsSync } from "node:fs";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`minerals needs Node.js >= 22.13 (this is ${process.versions.node}). See README.md, "Quick start".`);
  process.exit(1);
}
const entry = new URL("../dist/scripts/minerals.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("minerals is not built: run `npm run build` (or `npm ci`, which builds it).");
  process.exit(1);
}
await import(entry.href);
