import ort from 'onnxruntime-node';
import { messageOf } from '../errors';

/**
 * Execution providers in the order to try them. onnxruntime-node does not
 * fall back by itself (asking for ['cuda','cpu'] throws when CUDA is missing)
 * and no API says which provider a session got, so we create one session per
 * provider, in order, and the first that does not throw is the one we report.
 */
export function defaultProviders(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return ['cuda', 'tensorrt', 'dml', 'cpu'];
  if (platform === 'linux') return ['cuda', 'tensorrt', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cpu'];
}

/** The configured order, always ending with CPU (the one provider that ships with onnxruntime-node). */
export function providerChain(configured: string[] | undefined): string[] {
  const chosen = (configured && configured.length ? configured : defaultProviders()).map((p) => p.toLowerCase());
  const unique = [...new Set(chosen.filter((p) => p !== 'cpu'))];
  return [...unique, 'cpu'];
}

export interface SessionTuning {
  intraOpThreads?: number;
}

export interface CreatedSession {
  session: ort.InferenceSession;
  provider: string;
  fallbacks: { provider: string; reason: string }[];
}

/** Thrown when even CPU could not create the session; `reason` is CPU's (it says what is wrong with the file). */
export class NoProviderLoadedError extends Error {
  constructor(
    readonly reason: string,
    readonly fallbacks: { provider: string; reason: string }[],
  ) {
    super(reason);
  }
}

export async function createSessionWithFallback(
  model: string | Uint8Array,
  providers: string[],
  tuning: SessionTuning,
  warn: (message: string) => void,
): Promise<CreatedSession> {
  const fallbacks: { provider: string; reason: string }[] = [];
  for (const provider of providers) {
    try {
      const session = await createSession(model, provider, tuning);
      return { session, provider, fallbacks };
    } catch (error) {
      const reason = firstLine(messageOf(error));
      fallbacks.push({ provider, reason });
      if (provider !== providers[providers.length - 1]) warn(`execution provider '${provider}' did not load (${reason}); trying the next one`);
    }
  }
  const last = fallbacks.pop();
  throw new NoProviderLoadedError(last?.reason ?? 'no execution provider configured', fallbacks);
}

/** The session options the engine uses (exported so a benchmark's raw baseline runs with exactly the same). */
export function sessionOptions(provider: string, tuning: SessionTuning): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    interOpNumThreads: 1,
    // Busy-waiting intra-op threads fight libvips (decoding the next image)
    // for the cores; without spinning the run time is as good and steadier.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  if (tuning.intraOpThreads) options.intraOpNumThreads = tuning.intraOpThreads;
  return options;
}

function createSession(model: string | Uint8Array, provider: string, tuning: SessionTuning): Promise<ort.InferenceSession> {
  const options = sessionOptions(provider, tuning);
  // The typings accept a path or bytes through different overloads.
  return typeof model === 'string' ? ort.InferenceSession.create(model, options) : ort.InferenceSession.create(model, options);
}

/** ORT messages carry a source path prefix and several lines; the first line, without the path noise, is the reason. */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\/onnxruntime_src\/\S+ /g, '').trim();
}
