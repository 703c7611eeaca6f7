/**
 * Deployment manifests on disk (node only): one JSON file per chain id, `<dir>/<chainId>.json`. The manifest's
 * shape, parsing and verification are in `./manifest.ts`, which the browser-safe entry exports.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { DeploymentError } from "../errors/base.ts";
import { parseDeployment, serializeDeployment, type Deployment } from "./manifest.ts";

/** The directory manifests are kept in: `$MINERALS_DEPLOYMENTS`, or `./deployments`. */
export function defaultDeploymentsDir(): string {
  return path.resolve(process.env.MINERALS_DEPLOYMENTS || "deployments");
}

/** The manifest file of a chain. */
export function manifestPath(chainId: number, dir: string = defaultDeploymentsDir()): string {
  return path.join(dir, `${chainId}.json`);
}

/**
 * Writes the manifest of a deployment atomically (write to a temporary file, then rename).
 *
 * @example
 * await writeDeployment(deployment) // deployments/31337.json
 */
export async function writeDeployment(deployment: Deployment, dir: string = defaultDeploymentsDir()): Promise<string> {
  const file = manifestPath(deployment.chainId, dir);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, serializeDeployment(deployment));
  await rename(temp, file);
  return file;
}

/**
 * Reads the manifest of a chain and checks its shape.
 *
 * @throws DeploymentError when there is no manifest for the chain or it is malformed.
 * @example
 * const deployment = await readDeployment(31337)
 */
export async function readDeployment(chainId: number, dir: string = defaultDeploymentsDir()): Promise<Deployment> {
  const file = manifestPath(chainId, dir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new DeploymentError(`No deployment for chain ${chainId}: ${file} does not exist. Run \`minerals deploy\` first.`);
  }
  const deployment = parseDeployment(text, file);
  if (deployment.chainId !== chainId) {
    throw new DeploymentError(`${file} is for chain ${deployment.chainId}, not ${chainId}. Run \`minerals deploy\` again.`);
  }
  return deployment;
}

/**
 * Reads a manifest from a file named by the user (`minerals --manifest FILE`); its chain is whatever it records.
 *
 * @throws DeploymentError when the file is missing or malformed.
 * @example
 * const deployment = await readDeploymentFile("deployments/11155111.json")
 */
export async function readDeploymentFile(file: string): Promise<Deployment> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new DeploymentError(`No manifest at ${file}.`);
  }
  return parseDeployment(text, file);
}

