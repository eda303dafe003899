/**
 * GROUNDWORK_EP: the execution providers to try, in order, as a comma list
 * ("cuda,cpu", "dml,cpu"). Unset or empty means the engine's platform
 * default. The engine always ends with CPU and falls back with a warning, so
 * naming a provider that is not installed is safe; a malformed value is not.
 */
export function providersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const raw = env.GROUNDWORK_EP;
  if (raw === undefined || raw.trim() === '') return undefined;
  const providers = raw.split(',').map((p) => p.trim().toLowerCase());
  const bad = providers.find((p) => !/^[a-z][a-z0-9_-]*$/.test(p));
  if (bad !== undefined) {
    throw new Error(`GROUNDWORK_EP must be a comma-separated list of execution provider names such as "cuda,cpu"; "${bad}" in "${raw}" is not a provider name`);
  }
  return providers;
}
