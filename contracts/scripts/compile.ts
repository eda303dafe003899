// Compiles contracts/src/*.sol with solc-js into the artifacts we commit. The
// build script writes them; a test compiles again and compares, so the
// committed artifacts cannot drift from the sources or the compiler settings.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

export const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sourcesDir = path.join(contractsDir, 'src');
export const artifactsDir = path.join(contractsDir, 'artifacts');

/** The contracts we ship an artifact for (helpers and libraries get none); `test/` ones are hostile tokens for the anvil tests only. */
export const artifactNames = ['RewardsDistributor', 'StakeRegistry', 'TestToken', 'test/FeeOnTransferToken', 'test/RevertingToken', 'test/ReentrantToken'] as const;
type BaseName<S extends string> = S extends `test/${infer N}` ? N : S;
export type ArtifactName = BaseName<(typeof artifactNames)[number]>;

// Runs 1e6 and viaIR: claims run far more often than deployments, so we trade
// deploy size for per-call gas. cancun keeps the bytecode valid on chains that
// have not reached prague/osaka yet.
export const compilerSettings = {
  optimizer: { enabled: true, runs: 1_000_000 },
  viaIR: true,
  evmVersion: 'cancun',
} as const;

export interface Artifact {
  contractName: ArtifactName;
  compiler: { version: string; settings: typeof compilerSettings };
  abi: unknown[];
  bytecode: string;
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

const require = createRequire(import.meta.url);

/** solc asks for each import by path; OpenZeppelin resolves through node_modules. */
function findImport(importPath: string): { contents: string } | { error: string } {
  try {
    return { contents: readFileSync(require.resolve(importPath), 'utf8') };
  } catch {
    return { error: `import not found: ${importPath} (is @openzeppelin/contracts installed?)` };
  }
}

export function compileContracts(): Artifact[] {
  const sources: Record<string, { content: string }> = {};
  for (const dir of ['', 'test/']) {
    for (const file of readdirSync(path.join(sourcesDir, dir)).filter((f) => f.endsWith('.sol')).sort()) {
      sources[`${dir}${file}`] = { content: readFileSync(path.join(sourcesDir, dir, file), 'utf8') };
    }
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: { ...compilerSettings, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const problems = (output.errors ?? []).filter((e) => e.severity !== 'info');
  // Warnings fail the build too: a warning in a contract that holds funds deserves a look.
  if (problems.length > 0) {
    throw new Error(`solc reported ${problems.length} problem(s):\n${problems.map((e) => e.formattedMessage).join('\n')}`);
  }
  return artifactNames.map((source) => {
    const name = path.basename(source) as ArtifactName;
    const compiled = output.contracts?.[`${source}.sol`]?.[name];
    if (!compiled) throw new Error(`solc produced no contract ${name} (expected in contracts/src/${source}.sol)`);
    return {
      contractName: name,
      compiler: { version: solc.version(), settings: compilerSettings },
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
    };
  });
}

/** The exact text the build writes, so the drift test can compare bytes. */
export function artifactJson(artifact: Artifact): string {
  return `${JSON.stringify(artifact, null, 2)}\n`;
}
