import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInferenceEngine } from '../../native/inference';
import type { InferenceEngine, ModelListing } from '../../native/inference/types';
import type { ItemPredictions } from '../../electron/common/services/inferenceService';
import { modelsDirsFor } from '../../electron/services/inference/modelsDirs';
import { summarize } from '../../electron/services/inference/inferenceServiceImpl';
import { providersFromEnv } from '../../electron/services/inference/providersFromEnv';
import { predictItems } from '../../electron/services/prelabel/predictItems';
import { parseCliArgs, USAGE, UsageError, type CliArgs } from './cliArgs';
import { collectImages } from './collectImages';
import { toOutputEntry, type OutputEntry } from './outputEntry';
import { createProgressReporter, type ProgressStream } from './progressReporter';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Aborts the run between images (Ctrl+C); what finished is still written. */
  signal?: AbortSignal;
}

/** Exit codes: the run completed (failed images included); it could not start (bad arguments, unknown model, no images); the model or engine broke. */
export const EXIT = { ok: 0, model: 1, usage: 2, interrupted: 130 } as const;

class CliFailure extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/**
 * The headless pre-labeler: the app's engine (same models folders, same
 * GROUNDWORK_EP providers) and the job's per-image pipeline (predictItems),
 * over files and folders from the command line. Resolves with the exit code.
 */
export async function runPrelabelCli(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let engine: InferenceEngine | null = null;
  try {
    const args = parseCliArgs(argv);
    if (args === 'help') {
      say(USAGE);
      return EXIT.ok;
    }
    const dataDir = io.env.GROUNDWORK_DATA_DIR || path.join(os.homedir(), '.groundwork');
    engine = createInferenceEngine({
      modelsDirs: [...modelsDirsFor(dataDir), ...args.modelsDirs],
      providers: providersFromEnv(io.env),
      // stdout may be the JSON ('--out -'): everything else goes to stderr.
      log: (level, message) => say(`${level === 'info' ? '' : `${level}: `}${message}`),
    });
    const defaults = await checkModel(engine, args.modelId);
    const { files, missing } = await collectImages(args.inputs);
    for (const input of missing) say(`prelabel: ${input}: no such file or folder`);
    if (files.length === 0) throw new CliFailure(`no images found in ${args.inputs.length ? args.inputs.join(', ') : '(no paths given)'}: give image files (.jpg .jpeg .png .webp) or folders holding them\n\n${USAGE}`, EXIT.usage);

    const info = await engine.load(args.modelId).catch((error: unknown) => {
      throw new CliFailure(`model '${args.modelId}' cannot be loaded: ${error instanceof Error ? error.message : String(error)}`, EXIT.model);
    });
    say(`prelabel: ${files.length} image${files.length === 1 ? '' : 's'} with ${args.modelId} on ${info.provider}`);
    const entries = await predictAll(engine, args, files, { confidence: args.confidence ?? defaults.confidence, iou: args.iou ?? defaults.iou }, io);
    await writeOutput(args.out, entries, io);
    const failed = entries.filter((e) => e.error !== undefined);
    for (const entry of failed) say(`prelabel: failed ${entry.file}: ${entry.error}`);
    say(`prelabel: wrote ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} to ${args.out === '-' ? 'stdout' : args.out}${failed.length ? ` (${failed.length} failed)` : ''}`);
    return io.signal?.aborted ? EXIT.interrupted : EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) say(`prelabel: ${error.message}\n\n${USAGE}`);
    else say(`prelabel: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof CliFailure ? error.code : error instanceof UsageError ? EXIT.usage : EXIT.model;
  } finally {
    await engine?.dispose();
  }
}

/** The model's default thresholds; an unknown id lists the models that can run, a broken manifest says what is wrong. */
async function checkModel(engine: InferenceEngine, modelId: string): Promise<{ confidence: number; iou: number }> {
  const listings: ModelListing[] = await engine.listModels();
  const summaries = listings.map(summarize);
  const model = summaries.find((m) => m.id === modelId);
  if (!model) {
    const runnable = summaries.filter((m) => m.available && m.task !== 'text-recognize');
    const known = runnable.length ? runnable.map((m) => `  ${m.id}  (${m.task}: ${m.name})`).join('\n') : '  (none: run `npm run models` to install the default ones)';
    throw new CliFailure(`unknown model '${modelId}'. Known models:\n${known}`, EXIT.usage);
  }
  if (!model.available) throw new CliFailure(`model '${modelId}' cannot be used: ${model.problems.join('; ')}`, EXIT.model);
  return model.defaults;
}

async function predictAll(engine: InferenceEngine, args: CliArgs, files: string[], thresholds: { confidence: number; iou: number }, io: CliIo): Promise<OutputEntry[]> {
  const entries: OutputEntry[] = [];
  const progress = createProgressReporter(io.stderr, files.length);
  let failed = 0;
  progress.update(0, 0);
  try {
    await predictItems({
      items: files,
      signal: io.signal ?? new AbortController().signal,
      describe: (file) => ({ itemId: file, relPath: file }),
      predict: async (file): Promise<ItemPredictions> => {
        const result = await engine.predictFile(args.modelId, file, thresholds);
        return { ok: true, itemId: file, width: result.width, height: result.height, predictions: result.predictions };
      },
      onResult: (file, result) => {
        entries.push(toOutputEntry(file, result));
        if (!result.ok) failed++;
        progress.update(entries.length, failed);
      },
    });
  } finally {
    progress.finish(entries.length, failed);
  }
  return entries;
}

/** All or nothing: written beside the target and renamed, so a crash never leaves half a JSON file. */
async function writeOutput(out: string, entries: OutputEntry[], io: CliIo): Promise<void> {
  const json = `${JSON.stringify(entries, null, 2)}\n`;
  if (out === '-') {
    io.stdout.write(json);
    return;
  }
  const temp = `${out}.${process.pid}.tmp`;
  await writeFile(temp, json);
  await rename(temp, out);
}
