import { performance } from 'node:perf_hooks';
import { recoverSigner } from '../../hub/batches/recoverSigner';
import { fastKeccak, fastKeccakReady } from '../../hub/batches/fastKeccak';
import { verifyExport } from '../../core/verify/verifyExport';
import { formatReport } from './formatReport';
import { readExport } from './readExport';

const USAGE = `usage: npm run verify-dataset -- <export.zip or folder> [--chain-id <id>] [--contract <address>]

Checks a hub export offline: every batch and verdict signature (EIP-712, signer
recovered), every inclusion proof, every label hash, consensus re-run from the
submissions, and the dataset files against the lineage. --chain-id and
--contract pin the EIP-712 domain instead of trusting the manifest's.
Exit 0 when everything checks out, 1 on any problem, 2 on a usage error.`;

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

function parseArgs(argv: string[]): { target: string; chainId?: number; contract?: string } | string {
  let target: string | undefined;
  let chainId: number | undefined;
  let contract: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--chain-id') chainId = Number(argv[++i]);
    else if (a === '--contract') contract = argv[++i];
    else if (a.startsWith('--')) return `unknown option ${a}\n\n${USAGE}`;
    else if (target) return `one export at a time (got ${target} and ${a})\n\n${USAGE}`;
    else target = a;
  }
  if (!target) return USAGE;
  if (chainId !== undefined && !(Number.isInteger(chainId) && chainId > 0)) return `--chain-id must be a positive integer\n\n${USAGE}`;
  return { target, chainId, contract };
}

export async function runVerifyDataset(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`${args}\n`);
    return 2;
  }
  const started = performance.now();
  let files;
  try {
    files = await readExport(args.target);
  } catch (e) {
    io.stderr.write(`verify-dataset: cannot read ${args.target}: ${(e as Error).message}\n`);
    return 2;
  }
  await fastKeccakReady();
  const result = verifyExport(files, { recoverSigner, keccak: fastKeccak, expectDomain: { chainId: args.chainId, verifyingContract: args.contract } });
  const text = formatReport(args.target, result, (performance.now() - started) / 1000);
  io.stdout.write(`${text}\n`);
  return result.ok ? 0 : 1;
}
