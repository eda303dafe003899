import { parseArgs } from 'node:util';

export interface CliArgs {
  modelId: string;
  /** Undefined: the model's own default from its manifest. */
  confidence?: number;
  iou?: number;
  /** Where the JSON goes; '-' for stdout. */
  out: string;
  /** Extra folders of model manifests, searched after the shipped ones and the data folder's. */
  modelsDirs: string[];
  /** Image files and folders, as given. */
  inputs: string[];
}

export const USAGE = `usage: npm run prelabel -- --model <id> [--confidence x] [--iou x] [--models-dir dir]… --out preds.json <image files or folders…>

  --model <id>        a model id from the models folders (run without it to list them)
  --confidence <x>    minimum score, 0..1 (default: the model's own)
  --iou <x>           NMS overlap threshold, 0..1 (default: the model's own)
  --out <file>        JSON output, one entry per image; '-' writes it to stdout
  --models-dir <dir>  another folder of model manifests (repeatable)

Folders are searched recursively for .jpg .jpeg .png .webp (hidden entries skipped);
files named on the command line are always tried.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function unitNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${name} must be a number from 0 to 1, got "${raw}"`);
  return value;
}

/** Parses the command line; throws UsageError with a message meant for the operator. */
export function parseCliArgs(argv: readonly string[]): CliArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        confidence: { type: 'string' },
        iou: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'models-dir': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (!values.model) throw new UsageError('--model <id> is required');
  if (!values.out) throw new UsageError('--out <file> is required');
  return {
    modelId: values.model,
    confidence: unitNumber('confidence', values.confidence),
    iou: unitNumber('iou', values.iou),
    out: values.out,
    modelsDirs: values['models-dir'] ?? [],
    inputs: positionals,
  };
}
