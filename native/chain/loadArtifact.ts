import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InterfaceAbi } from 'ethers';

/** Contracts with a committed artifact in contracts/artifacts/ (built by `npm run contracts:build`). */
export type ContractName = 'RewardsDistributor' | 'StakeRegistry' | 'TestToken' | 'FeeOnTransferToken' | 'RevertingToken' | 'ReentrantToken';

export interface ContractArtifact {
  contractName: ContractName;
  abi: InterfaceAbi;
  /** Init code, 0x-prefixed. */
  bytecode: string;
  compiler: { version: string };
}

export const artifactsDir = fileURLToPath(new URL('../../contracts/artifacts/', import.meta.url));

const cache = new Map<ContractName, ContractArtifact>();

/** Reads a committed artifact. It is read from disk, so no solc is needed at run time. */
export function loadArtifact(name: ContractName): ContractArtifact {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = `${artifactsDir}${name}.json`;
  let parsed: Partial<ContractArtifact>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ContractArtifact>;
  } catch (error) {
    throw new Error(`cannot read contract artifact ${file}: ${(error as Error).message} (run npm run contracts:build)`);
  }
  if (parsed.contractName !== name || !Array.isArray(parsed.abi) || !/^0x[0-9a-f]+$/i.test(parsed.bytecode ?? '')) {
    throw new Error(`contract artifact ${file} is malformed: expected {contractName: "${name}", abi: [...], bytecode: "0x..."}`);
  }
  const artifact = parsed as ContractArtifact;
  cache.set(name, artifact);
  return artifact;
}
