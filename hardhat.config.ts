import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";

// No compiler download: the machines that build this project have no internet, so Hardhat is pointed at
// the solc-js build shipped by the npm `solc` package, and the version is read from that same package.
const require = createRequire(import.meta.url);

// `npm test` runs the fuzz tests and the stateful campaigns briefly; `npm run fuzz:deep` (FUZZ_PROFILE=deep) runs
// them long: many more runs, and campaigns of many more calls each.
const deep = process.env.FUZZ_PROFILE === "deep";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: require("solc/package.json").version as string,
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
    },
  },
  paths: {
    tests: { mocha: "test", solidity: "test" },
  },
  test: {
    solidity: {
      fuzz: { runs: deep ? 10_000 : 512 },
      invariant: deep ? { runs: 256, depth: 250 } : { runs: 64, depth: 200 },
    },
  },
  networks: {
    // The in-process chain of the tests: 30 accounts, one per role and enough investors besides.
    default: { type: "edr-simulated", accounts: { count: 30 } },
    localhost: { type: "http", url: "http://127.0.0.1:8545" },
  },
});
