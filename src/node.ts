/**
 * The SDK's node entry: everything the browser-safe entry (`src/index.ts`) exports, plus what needs node's file
 * system: deployment manifests read from and written to disk, and the self-contained HTML reports (which inline
 * the chart library read from node_modules).
 *
 * @example
 * import { createWalletClient, http } from "viem"
 * import { hardhat } from "viem/chains"
 * import { mineralsActions, readDeployment } from "./src/node.ts"
 * const client = createWalletClient({ chain: hardhat, transport: http(), account: "0x…" })
 *   .extend(mineralsActions(await readDeployment(31337)))
 */
export * from "./index.ts";
export * from "./deployment/files.ts";
export { investorHtml, lotHtml, platformHtml } from "./reports/html.ts";
export { passportHtml } from "./reports/passportHtml.ts";
