#!/usr/bin/env node
// The `minerals` command. The CLI is written in TypeScript (scripts/minerals.ts); tsx loads it without a build step.
import { register } from "tsx/esm/api";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`minerals needs Node.js >= 22.13 (this is ${process.versions.node}). See README.md, "Prerequisites".`);
  process.exit(1);
}
register();
await import(new URL("../scripts/minerals.ts", import.meta.url).href);
