import { performance } from 'node:perf_hooks';
import { recoverSigner } from '../../hub/batches/recoverSigner';
import { fastKeccak, fastKeccakReady } from '../../hub/batches/fastKeccak';
import { verifyExport } from '../../core/verify/verifyExport';
import { LEDGER_DIR } from '../../core/verify/checkLedgers';
import { ManifestSchema, MANIFEST_FILE } from '../../core/verify/exportFiles';
import type { FormatFile } from '../../core/formats';
import { readPostedRoots } from './postedRoots';
import { fetchServedLedgers } from './servedLedgers';
import { formatReport } from './formatReport';
import { readExport } from './readExport';

const USAGE = `usage: npm run verify-dataset -- <export.zip or folder> [--chain-id <id>] [--contract <address>] [--rpc <url>] [--hub <url>]

Checks a hub export offline: every batch and verdict signature (EIP-712, signer
recovered), every inclusion proof, every label hash, consensus re-run from the
submissions, and the dataset files against the lineage. --chain-id and
--contract pin the EIP-712 domain instead of trusting the manifest's.
The epoch ledgers (ledger/epoch-<n>.json) are checked against the lineage:
each root recomputed from its leaves, each leaf from the task's payouts,
each rewarded item paid to its agreeing annotators and reviewer. With --rpc,
each recomputed root is compared with the one the contract posted on chain.
With --hub, the hub's whole ledger of each epoch (every task's items) is
fetched and every leaf checked against its payouts.
Exit 0 when everything checks out, 1 on any problem, 2 on a usage error.`;

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

interface Args {
  target: string;
  chainId?: number;
  contract?: string;
  rpc?: string;
  hub?: string;
}

function parseArgs(argv: string[]): Args | string {
  let target: string | undefined;
  let chainId: number | undefined;
  let contract: string | undefined;
  let rpc: string | undefined;
  let hub: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--chain-id') chainId = Number(argv[++i]);
    else if (a === '--contract') contract = argv[++i];
    else if (a === '--rpc') rpc = argv[++i] ?? '';
    else if (a === '--hub') hub = argv[++i] ?? '';
    else if (a.startsWith('--')) return `unknown option ${a}\n\n${USAGE}`;
    else if (target) return `one export at a time (got ${target} and ${a})\n\n${USAGE}`;
    else target = a;
  }
  if (!target) return USAGE;
  if (chainId !== undefined && !(Number.isInteger(chainId) && chainId > 0)) return `--chain-id must be a positive integer\n\n${USAGE}`;
  if (rpc !== undefined && !/^https?:\/\/\S+$/.test(rpc)) return `--rpc must be an http(s) URL of a JSON-RPC node, got "${rpc ?? ''}"\n\n${USAGE}`;
  if (hub !== undefined && !/^https?:\/\/\S+$/.test(hub)) return `--hub must be the http(s) URL of a hub, got "${hub}"\n\n${USAGE}`;
  return { target, chainId, contract, rpc, hub };
}

/** The roots on chain for the export's ledgers, in the (pinned or manifest's) domain; undefined without --rpc or without a readable manifest (then the offline checks report it). */
async function postedRootsFor(args: Args, files: readonly FormatFile[]): Promise<Map<string, string | null> | undefined> {
  const manifestFile = files.find((f) => f.path === MANIFEST_FILE);
  if (!args.rpc || !manifestFile) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(manifestFile.content);
  } catch {
    return undefined;
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) return undefined;
  return readPostedRoots(args.rpc, args.chainId ?? parsed.data.domain.chainId, args.contract ?? parsed.data.domain.verifyingContract, ledgerEpochs(files));
}

/** The epochs of the export's ledger files (`ledger/epoch-<n>.json`). */
function ledgerEpochs(files: readonly FormatFile[]): string[] {
  return files.map((f) => new RegExp(`^${LEDGER_DIR}/epoch-(\\d+)\\.json$`).exec(f.path)?.[1]).filter((e): e is string => e !== undefined);
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
  let postedRoots;
  try {
    postedRoots = await postedRootsFor(args, files);
  } catch (e) {
    io.stderr.write(`verify-dataset: cannot compare with the chain: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  let servedLedgers;
  try {
    servedLedgers = args.hub ? await fetchServedLedgers(args.hub, ledgerEpochs(files)) : undefined;
  } catch (e) {
    io.stderr.write(`verify-dataset: cannot read the hub's ledgers: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  await fastKeccakReady();
  const result = verifyExport(files, { recoverSigner, keccak: fastKeccak, expectDomain: { chainId: args.chainId, verifyingContract: args.contract }, postedRoots, servedLedgers });
  const text = formatReport(args.target, result, (performance.now() - started) / 1000);
  io.stdout.write(`${text}\n`);
  return result.ok ? 0 : 1;
}
