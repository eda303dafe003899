import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HubConfigSchema, type HubConfig, type HubInfo } from '../../common/services/hubService';
import { writeFileAtomic } from '../atomicWrite';
import { logStateFileProblem, readStateFile, type StateFileProblem } from '../readStateFile';

const KnownHubSchema = z.object({
  hubUrl: z.string(),
  /** The pinned values (chain id, rewards contract, token, stake registry, RPC URL): every use reads these, never a live /config. */
  config: HubConfigSchema,
  local: z.boolean().default(false),
  /** When the user confirmed these values (ISO time). Entries without it predate trust-on-first-use and were never confirmed. */
  pinnedAt: z.string().optional(),
});
type KnownHub = z.infer<typeof KnownHubSchema>;
const HubsFileSchema = z.object({ defaultHub: z.string().nullable(), hubs: z.array(KnownHubSchema) });

export interface HubSession {
  token: string;
  address: string;
  roles: string[];
}

/**
 * The hubs this workstation knows (`<dataDir>/hubs.json`: each hub's config,
 * so batches can be signed offline, and the default hub) and the sign-in
 * sessions of this host run, which stay in memory and on the Node side.
 */
export function createHubRegistry(dataDir: string | null, onProblem: (problem: StateFileProblem) => void = logStateFileProblem('the list of known hubs')) {
  // null: kept in memory only (the local network's own requester and operator clients).
  const file = dataDir === null ? null : path.join(dataDir, 'hubs.json');
  const sessions = new Map<string, HubSession>();
  let cache: z.infer<typeof HubsFileSchema> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load() {
    if (cache) return cache;
    const empty = () => ({ defaultHub: null, hubs: [] });
    // A corrupt hubs.json is moved aside (the user connects again) instead of failing every call.
    const state = file === null ? empty() : await readStateFile(file, HubsFileSchema, empty, onProblem);
    // Hubs remembered before trust-on-first-use were never confirmed by the user: forgotten, so connecting asks again.
    const pinned = state.hubs.filter((h) => h.pinnedAt !== undefined);
    if (pinned.length !== state.hubs.length) {
      state.hubs = pinned;
      if (state.defaultHub !== null && !pinned.some((h) => h.hubUrl === state.defaultHub)) state.defaultHub = null;
    }
    return (cache ??= state);
  }

  function update(change: (state: z.infer<typeof HubsFileSchema>) => void): Promise<void> {
    const result = queue.then(async () => {
      const state = structuredClone(await load());
      change(state);
      if (dataDir !== null && file !== null) {
        await mkdir(dataDir, { recursive: true });
        await writeFileAtomic(file, JSON.stringify(state, null, 2));
      }
      cache = state;
    });
    queue = result.catch(() => undefined);
    return result;
  }

  function info(hub: KnownHub): HubInfo {
    const session = sessions.get(hub.hubUrl);
    return { hubUrl: hub.hubUrl, config: hub.config, signedInAs: session?.address ?? null, roles: session?.roles ?? [], local: hub.local };
  }

  return {
    async list(): Promise<{ defaultHub: string | null; hubs: HubInfo[] }> {
      const state = await load();
      return { defaultHub: state.defaultHub, hubs: state.hubs.map(info) };
    },
    async get(hubUrl: string): Promise<HubInfo | null> {
      const hub = (await load()).hubs.find((h) => h.hubUrl === hubUrl);
      return hub ? info(hub) : null;
    },
    /**
     * Pins a hub's values: call only with values the user confirmed (hubTrust) or the local network's own.
     * `rpcUrl` given here wins over the config's.
     */
    async remember(hubUrl: string, config: HubConfig, options: { rpcUrl?: string; local?: boolean; makeDefault?: boolean } = {}): Promise<HubInfo> {
      await update((state) => {
        const previous = state.hubs.find((h) => h.hubUrl === hubUrl);
        const { siweDomain: _announced, ...values } = config;
        const pinned: HubConfig = { ...values, siweDomain: new URL(hubUrl).host, ...(options.rpcUrl ? { rpcUrl: options.rpcUrl } : {}) };
        const next: KnownHub = { hubUrl, config: pinned, local: options.local ?? previous?.local ?? false, pinnedAt: new Date().toISOString() };
        // One local network at a time: an earlier run's hub (another port, gone now) is forgotten.
        state.hubs = [...state.hubs.filter((h) => h.hubUrl !== hubUrl && !(next.local && h.local)), next];
        if (next.local && state.defaultHub !== null && !state.hubs.some((h) => h.hubUrl === state.defaultHub)) state.defaultHub = null;
        if (options.makeDefault || state.defaultHub === null) state.defaultHub = hubUrl;
      });
      return (await this.get(hubUrl))!;
    },
    session: (hubUrl: string) => sessions.get(hubUrl),
    setSession: (hubUrl: string, session: HubSession) => void sessions.set(hubUrl, session),
    dropSession: (hubUrl: string) => void sessions.delete(hubUrl),
    dropAllSessions: () => sessions.clear(),
  };
}

export type HubRegistry = ReturnType<typeof createHubRegistry>;
