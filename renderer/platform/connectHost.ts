import { createIpcTransport, createProxy, createWebSocketTransport, type ClientTransport, type GroundworkBridge, type ServiceProxy } from '../../electron/common/contract';
import { appService, hubService, inferenceService, jobsService, localNetworkService, mediaService, requesterService, rewardsService, stakeService, videoService, walletService } from '../../electron/common/services';
import { HostAccessError } from './hostAccessError';
import { browserMediaUrl, electronMediaUrl } from './mediaUrl';
import { forgetSessionToken, reloadOnNewToken, takeSessionToken } from './sessionToken';

export type HostKind = 'electron' | 'browser';
export type HostStatus = 'connecting' | 'open' | 'closed';

/** Everything the renderer may ask of the Node side. The rest of the renderer sees only this. */
export interface Host {
  kind: HostKind;
  app: ServiceProxy<typeof appService>;
  media: ServiceProxy<typeof mediaService>;
  jobs: ServiceProxy<typeof jobsService>;
  /** Local models: list, load (reports the execution provider), pre-label one item. */
  inference: ServiceProxy<typeof inferenceService>;
  /** Video probe and exact frames (JPEG) by index. */
  video: ServiceProxy<typeof videoService>;
  /** The wallet (create, import, unlock; the key stays on the Node side). */
  wallet: ServiceProxy<typeof walletService>;
  /** Hubs: connect, sign in, tasks, two-step batch signing and uploads. */
  hub: ServiceProxy<typeof hubService>;
  /** Earned / claimable rewards and claim transactions. */
  rewards: ServiceProxy<typeof rewardsService>;
  /** Stake in the hub's StakeRegistry: read, stake, request unstake, withdraw (transactions signed on the Node side). */
  stake: ServiceProxy<typeof stakeService>;
  /** The requester's tasks, their progress and the dataset download to a folder on the host. */
  requester: ServiceProxy<typeof requesterService>;
  /** The local network this host started (npm start), and the operator actions it allows there: make me reviewer. */
  localNetwork: ServiceProxy<typeof localNetworkService>;
  /** URL an <img> can load for a file inside a granted media root. */
  mediaUrl(rootId: string, relPath: string): string;
  /** Connection state (the browser host can drop and reconnect); Electron is always 'open'. */
  onStatus(listener: (status: HostStatus) => void): () => void;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    groundwork?: GroundworkBridge;
  }
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Connects to whichever host serves this page: IPC under Electron, else the browser host's WebSocket. */
export async function connectHost(): Promise<Host> {
  if (window.groundwork) return hostOver('electron', createIpcTransport(window.groundwork), electronMediaUrl, () => () => undefined);
  reloadOnNewToken();
  const token = takeSessionToken();
  if (!token) {
    throw new HostAccessError('missing-token', 'This page was opened without its access token. Open the full address the Groundwork host printed (it ends with #token=…).');
  }
  const statusListeners = new Set<(s: HostStatus) => void>();
  // A socket refused at the handshake only shows as a close; the first close
  // before any open triggers one HTTP check that can tell "wrong token".
  let rejectRefused: (error: unknown) => void = () => undefined;
  const refused = new Promise<never>((_, reject) => (rejectRefused = reject));
  refused.catch(() => undefined);
  let everOpen = false;
  let checked = false;
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createWebSocketTransport({
    url: `${protocol}//${location.host}/rpc?token=${encodeURIComponent(token)}`,
    WebSocket,
    onStatus: (s) => {
      if (s === 'open') everOpen = true;
      if (s === 'closed' && !everOpen && !checked) {
        checked = true;
        checkTokenAccepted(token).catch(rejectRefused);
      }
      statusListeners.forEach((l) => l(s));
    },
  });
  const host = hostOver('browser', transport, (rootId, relPath) => browserMediaUrl(rootId, relPath, token), (listener) => {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  });
  await Promise.race([withTimeout(host.app.getInfo({}), CONNECT_TIMEOUT_MS), refused]).catch((error: unknown) => {
    transport.close();
    if (error instanceof HostAccessError) throw error;
    throw new HostAccessError('unreachable', `The Groundwork host did not answer: ${error instanceof Error ? error.message : String(error)}. Is it still running?`);
  });
  return host;
}

function hostOver(
  kind: HostKind,
  transport: ClientTransport,
  mediaUrl: Host['mediaUrl'],
  onStatus: Host['onStatus'],
): Host {
  return {
    kind,
    app: createProxy(appService, transport),
    media: createProxy(mediaService, transport),
    jobs: createProxy(jobsService, transport),
    inference: createProxy(inferenceService, transport),
    video: createProxy(videoService, transport),
    wallet: createProxy(walletService, transport),
    hub: createProxy(hubService, transport),
    rewards: createProxy(rewardsService, transport),
    stake: createProxy(stakeService, transport),
    requester: createProxy(requesterService, transport),
    localNetwork: createProxy(localNetworkService, transport),
    mediaUrl,
    onStatus,
  };
}

/** The media route checks the same token over plain HTTP: a 401 there means the token is wrong, not that the host is down. */
async function checkTokenAccepted(token: string): Promise<void> {
  let status: number;
  try {
    status = (await fetch(`/media/token-check/x?token=${encodeURIComponent(token)}`, { cache: 'no-store' })).status;
  } catch {
    throw new HostAccessError('unreachable', 'The Groundwork host is not reachable. Is it still running?');
  }
  if (status === 401) {
    forgetSessionToken();
    throw new HostAccessError('refused', 'The host refused this page’s access token. The token changes every time the host starts: open the new address it printed.');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}
