import type ort from 'onnxruntime-node';
import { ModelLoadError } from '../errors';
import type { CatalogEntry } from '../manifest/modelCatalog';
import { inputProblem, outputLayoutProblem } from './checkModel';
import { createSessionWithFallback, NoProviderLoadedError, type SessionTuning } from './providers';

export interface OpenedSession {
  session: ort.InferenceSession;
  provider: string;
  fallbacks: { provider: string; reason: string }[];
}

export interface SessionSettings extends SessionTuning {
  providers: string[];
  warn: (message: string) => void;
}

/**
 * Creates the session for one manifest and proves the manifest tells the
 * truth about it (input name and size, output layout). Any mismatch releases
 * the session and throws a ModelLoadError that says what differs.
 */
export async function openCheckedSession(entry: CatalogEntry, settings: SessionSettings): Promise<OpenedSession> {
  const { manifest } = entry;
  const fail = (what: string) => new ModelLoadError(`model '${manifest.id}': ${what}`);
  if (entry.problems.length) throw fail(entry.problems.join('; '));
  let opened: OpenedSession;
  try {
    opened = await createSessionWithFallback(entry.modelPath, settings.providers, settings, settings.warn);
  } catch (error) {
    if (!(error instanceof NoProviderLoadedError)) throw error;
    throw fail(`${manifest.file} could not be loaded as an ONNX model: ${explainOrtLoadError(error.reason)}`);
  }
  const problem = inputProblem(manifest, opened.session) ?? firstOutputProblem(entry, opened.session);
  if (problem) {
    await opened.session.release();
    throw fail(problem);
  }
  return opened;
}

function firstOutputProblem(entry: CatalogEntry, session: ort.InferenceSession): string | undefined {
  const meta = session.outputMetadata[0];
  if (!meta) return 'the model has no outputs';
  if (!meta.isTensor) return `the model's output '${meta.name}' is not a tensor`;
  return outputLayoutProblem(entry.manifest, meta.name, meta.shape);
}

/** ORT's load errors, with their path prefix removed and what they mean for a user. */
function explainOrtLoadError(reason: string): string {
  const core = reason.replace(/^Load model from .*? failed:\s*/, '');
  if (/protobuf parsing failed/i.test(core)) return `the file is not a valid ONNX model, it may be corrupt or truncated (${core})`;
  if (/does not have a graph/i.test(core)) return `the file holds no model graph, it is empty or truncated (${core})`;
  return core;
}
