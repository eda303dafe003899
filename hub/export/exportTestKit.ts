import { Wallet } from 'ethers';
import { unzipSync } from 'fflate';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { FormatFile } from '../../core/formats';
import type { HubConfig } from '../config';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signIn, startTestHub, type AnyWallet } from '../testKit';
import { labelTask, signedVerdict } from '../verdicts/verdictTestKit';

/**
 * A task labeled by k = 3 wallets with real signatures, in every state an
 * export carries: items all three agree on, items one annotator disagrees
 * on (accepted 2 of 3), a dispute a reviewer resolved with a signed verdict,
 * and a dispute left open.
 */
export interface ExportScenario {
  hub: RunningHub;
  taskId: string;
  token: { requester: string; operator: string; annotator: string; reviewer: string };
  items: { agreed: string; dissent: string; resolved: string; disputed: string };
  verdictShapes: CanonicalShape[];
}

const ROLES = ['agreed', 'dissent', 'resolved', 'disputed'] as const;

function shapesFor(role: (typeof ROLES)[number], annotator: number): CanonicalShape[] {
  if (role === 'agreed') return [{ ...box('car', 10, 10), attributes: { occluded: true, plate: 'AB 123' } }, box('person', 200, 100, 30, 80)];
  if (role === 'dissent') return annotator === 2 ? [box('car', 400, 300)] : [box('car', 12.5, 20.25)];
  return [[box('car', 10, 10)], [box('person', 10, 10)], [box('car', 300, 300)]][annotator]!;
}

export async function buildExportScenario(overrides: Partial<HubConfig> = {}): Promise<ExportScenario> {
  const w = (): AnyWallet => Wallet.createRandom();
  const requester = w();
  const operator = w();
  const reviewer = w();
  const annotators = [w(), w(), w()];
  const hub = await startTestHub({ ...overrides, requesters: [requester.address], operators: [operator.address] });
  const token = { requester: await signIn(hub, requester), operator: await signIn(hub, operator), reviewer: await signIn(hub, reviewer), annotator: '' };
  await call(hub, 'POST', `/accounts/${reviewer.address}/roles`, { token: token.operator, json: { role: 'reviewer' } });
  const { taskId } = await createTestTask(hub, token.requester, ROLES.length, 3);
  const listed = await call<{ items: { itemId: string }[] }>(hub, 'GET', `/tasks/${taskId}/items`, { token: token.requester });
  const ids = listed.body.items.map((i) => i.itemId);
  const roleOf = new Map(ids.map((id, i) => [id, ROLES[i]!]));
  const signedIn = await Promise.all(annotators.map(async (wallet) => ({ wallet, token: await signIn(hub, wallet) })));
  token.annotator = signedIn[0]!.token;
  await labelTask(hub, taskId, signedIn, ROLES.length, (a, _k, itemId) => shapesFor(roleOf.get(itemId)!, a));
  const items = Object.fromEntries(ids.map((id) => [roleOf.get(id)!, id])) as ExportScenario['items'];
  const verdictShapes = [box('car', 11, 10)];
  const signed = await signedVerdict(hub, reviewer, taskId, items.resolved, verdictShapes);
  const res = await call(hub, 'POST', '/verdicts', { token: token.reviewer, json: signed });
  if (res.status !== 200) throw new Error(`verdict failed: ${JSON.stringify(res.body)}`);
  return { hub, taskId, token, items, verdictShapes };
}

export async function downloadExport(s: ExportScenario, query: string, who: keyof ExportScenario['token'] = 'requester'): Promise<{ status: number; zip: Buffer; type: string | null }> {
  const res = await fetch(`${s.hub.url}/tasks/${s.taskId}/export?${query}`, { headers: { authorization: `Bearer ${s.token[who]}` } });
  return { status: res.status, zip: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

export function unzipText(zip: Uint8Array): FormatFile[] {
  return Object.entries(unzipSync(zip)).map(([path, bytes]) => ({ path, content: new TextDecoder().decode(bytes) }));
}
