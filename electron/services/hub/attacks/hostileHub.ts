import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A hub under the attacker's control, as a real HTTP server on loopback: it
 * serves a Groundwork-shaped /config (whatever the test sets), hands out SIWE
 * nonces and records every message it is asked to verify, so a test can tell
 * exactly what the workstation signed and sent.
 */
export interface HostileHub {
  url: string;
  /** The body of GET /config; change it between calls to play a hub that changes its mind. */
  config: Record<string, unknown>;
  /** The SIWE messages POSTed to /auth/verify, in order. */
  verified: string[];
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHostileHub(config: Record<string, unknown>): Promise<HostileHub> {
  let server: Server;
  const hub: HostileHub = {
    url: '',
    config,
    verified: [],
    requests: [],
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hub.requests.push(`${req.method} ${req.url}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/config') return send(200, hub.config);
      if (req.url === '/auth/nonce') return send(200, { nonce: 'n0nce12345678' });
      if (req.url === '/auth/verify') {
        const { message } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message: string };
        hub.verified.push(message);
        const address = /\n(0x[0-9a-fA-F]{40})\n/.exec(message)?.[1];
        return send(200, { token: 'session-token', address, roles: [] });
      }
      if (req.url?.startsWith('/rewards/')) return send(200, { epoch: null, root: null, cumulative: '0', proof: [] });
      send(404, { error: 'not_found', message: 'no such route' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return hub;
}

/** A /config as a Groundwork hub at `hubUrl` serves it (hub/http/buildApp.ts), with the test's overrides. */
export function groundworkConfig(hubUrl: string, values: { chainId: number; rewardsContract: string; token: string | null; stakeRegistry?: string | null; rpcUrl?: string; siweDomain?: string }) {
  return {
    chainId: values.chainId,
    rewardsContract: values.rewardsContract,
    token: values.token,
    stakeRegistry: values.stakeRegistry ?? null,
    domain: { name: 'Groundwork', version: '1', chainId: values.chainId, verifyingContract: values.rewardsContract },
    siweDomain: values.siweDomain ?? new URL(hubUrl).host,
    limits: { maxItemsPerBatch: 500, maxShapesPerItem: 1000, batchBodyLimit: 10_000_000 },
    ...(values.rpcUrl ? { rpcUrl: values.rpcUrl } : {}),
  };
}
