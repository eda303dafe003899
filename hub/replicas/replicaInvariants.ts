import type { JsonRpcProvider } from 'ethers';
import pg from 'pg';
import { rootsPosted } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import type { PublishedTask } from './publishThroughProxy';

/** One invariant after the load: held or not, and what was seen. */
export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

type Rows<T> = Promise<T[]>;
const rowsOf = async <T>(db: pg.Client, sql: string, params: unknown[] = []): Rows<T> => (await db.query(sql, params)).rows as T[];

/** Items of these tasks that have k submissions and are still open: decided by nobody. */
export async function undecidedReadyItems(db: pg.Client, taskIds: string[]): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    db,
    `SELECT i.id FROM items i JOIN tasks t ON t.id = i.task_id
     WHERE i.task_id = ANY($1::text[]) AND i.status = 'open'
       AND (SELECT count(*) FROM assignments a WHERE a.item_id = i.id AND a.batch_id IS NOT NULL) >= t.redundancy`,
    [taskIds],
  );
  return rows.map((r) => r.id);
}

/** Exactly one RootPosted per epoch on chain, and each epoch row posted once, with the chain's root and transaction. */
export async function noDoublePost(db: pg.Client, provider: JsonRpcProvider, rewards: string): Promise<Invariant> {
  const posted = await rootsPosted(provider, rewards);
  const rows = await rowsOf<{ epoch: string; root: string; status: string; tx_hash: string | null }>(db, 'SELECT epoch::text, root, status, tx_hash FROM epochs ORDER BY epoch');
  const problems: string[] = [];
  const perEpoch = new Map<string, typeof posted>();
  for (const p of posted) perEpoch.set(p.epoch.toString(), [...(perEpoch.get(p.epoch.toString()) ?? []), p]);
  for (const [epoch, list] of perEpoch) if (list.length > 1) problems.push(`epoch ${epoch} posted ${list.length} times on chain (txs ${list.map((l) => l.txHash).join(', ')})`);
  for (const row of rows) {
    const onChain = perEpoch.get(row.epoch);
    if (row.status !== 'posted') problems.push(`epoch ${row.epoch} is '${row.status}' in the database`);
    if (!onChain) problems.push(`epoch ${row.epoch} is in the database but was never posted on chain`);
    else if (onChain[0]!.root.toLowerCase() !== row.root.toLowerCase()) problems.push(`epoch ${row.epoch}: database root ${row.root}, chain root ${onChain[0]!.root}`);
    else if (row.tx_hash && row.tx_hash.toLowerCase() !== onChain[0]!.txHash.toLowerCase()) problems.push(`epoch ${row.epoch}: database tx ${row.tx_hash}, chain tx ${onChain[0]!.txHash}`);
  }
  for (const epoch of perEpoch.keys()) if (!rows.some((r) => r.epoch === epoch)) problems.push(`epoch ${epoch} is on chain but not in the database`);
  const txs = rows.map((r) => r.tx_hash).filter(Boolean);
  if (new Set(txs).size !== txs.length) problems.push('two epoch rows name the same transaction');
  return { name: 'no double epoch post', ok: problems.length === 0 && rows.length > 0, detail: problems.length ? problems.join('; ') : `${rows.length} epoch(s), each posted once (${posted.length} RootPosted event(s))` };
}

/**
 * Every item with k submissions decided once: consensus stored, and no
 * outcome recorded twice for one item — reputation history, evidence,
 * rewards (one row per agreeing annotator, in the item's epoch).
 */
export async function decidedExactlyOnce(db: pg.Client, taskIds: string[]): Promise<Invariant> {
  const problems: string[] = [];
  const missing = await rowsOf<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM items i JOIN tasks t ON t.id = i.task_id
     WHERE i.task_id = ANY($1::text[]) AND (i.consensus IS NULL OR i.status = 'open')
       AND (SELECT count(*) FROM assignments a WHERE a.item_id = i.id AND a.batch_id IS NOT NULL) >= t.redundancy`,
    [taskIds],
  );
  if (missing[0]!.n > 0) problems.push(`${missing[0]!.n} item(s) with k submissions have no consensus`);
  const twiceScored = await rowsOf<{ item_id: string; account: string; kind: string; n: number }>(
    db,
    `SELECT h.item_id, h.account, h.kind, count(*)::int AS n FROM reputation_history h JOIN items i ON i.id = h.item_id
     WHERE i.task_id = ANY($1::text[]) GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    [taskIds],
  );
  if (twiceScored.length) problems.push(`${twiceScored.length} (item, account) scored twice, e.g. ${JSON.stringify(twiceScored[0])}`);
  const wrongScoreCount = await rowsOf<{ id: string; n: number; k: number }>(
    db,
    `SELECT i.id, (SELECT count(*)::int FROM reputation_history h WHERE h.item_id = i.id AND h.kind = 'consensus') AS n, t.redundancy AS k
     FROM items i JOIN tasks t ON t.id = i.task_id
     WHERE i.task_id = ANY($1::text[]) AND i.status = 'accepted' AND i.reputation_scored_at IS NOT NULL`,
    [taskIds],
  );
  const offScore = wrongScoreCount.filter((r) => r.n !== r.k);
  if (offScore.length) problems.push(`${offScore.length} scored item(s) without exactly k history rows, e.g. ${JSON.stringify(offScore[0])}`);
  const twiceEvidence = await rowsOf<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM evidence e JOIN items i ON i.id = e.item_id WHERE i.task_id = ANY($1::text[]) GROUP BY e.item_id, e.account, e.kind HAVING count(*) > 1) d`,
    [taskIds],
  );
  if (twiceEvidence[0]!.n > 0) problems.push(`${twiceEvidence[0]!.n} (item, account, kind) with evidence recorded twice`);
  const rewardMismatch = await rowsOf<{ id: string; rows: number; agreeing: number; epochs: string }>(
    db,
    `SELECT i.id, count(r.*)::int AS rows, jsonb_array_length(COALESCE(i.consensus->'agreeingAnnotators', '[]'::jsonb)) AS agreeing,
       string_agg(DISTINCT r.epoch::text, ',') AS epochs
     FROM items i LEFT JOIN rewards r ON r.item_id = i.id
     WHERE i.task_id = ANY($1::text[]) AND i.rewarded_epoch IS NOT NULL
     GROUP BY i.id, i.consensus, i.rewarded_epoch
     HAVING count(r.*) <> jsonb_array_length(COALESCE(i.consensus->'agreeingAnnotators', '[]'::jsonb))
         OR bool_or(r.epoch <> i.rewarded_epoch)`,
    [taskIds],
  );
  if (rewardMismatch.length) problems.push(`${rewardMismatch.length} rewarded item(s) whose reward rows are not one per agreeing annotator in its epoch, e.g. ${JSON.stringify(rewardMismatch[0])}`);
  const strayRewards = await rowsOf<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM rewards r JOIN items i ON i.id = r.item_id WHERE i.task_id = ANY($1::text[]) AND i.rewarded_epoch IS NULL`,
    [taskIds],
  );
  if (strayRewards[0]!.n > 0) problems.push(`${strayRewards[0]!.n} reward row(s) for items not marked rewarded`);
  const [decided] = await rowsOf<{ n: number }>(db, `SELECT count(*)::int AS n FROM items WHERE task_id = ANY($1::text[]) AND status <> 'open'`, [taskIds]);
  return { name: 'every item decided exactly once', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : `${decided!.n} item(s) decided, no outcome recorded twice` };
}

/**
 * Nothing lost: every published item is there with its k submissions and
 * decided, the database holds exactly the batches the load was answered
 * for, consensus did not leave an item behind before any close repaired it
 * (`undecidedAfterDrain`), and every accepted item was rewarded by the final close.
 */
export async function noneLost(db: pg.Client, tasks: PublishedTask[], acknowledgedBatches: number, undecidedAfterDrain: string[]): Promise<Invariant> {
  const problems: string[] = [];
  const taskIds = tasks.map((t) => t.taskId);
  const [counts] = await rowsOf<{ items: number; short: number; open: number; unrewarded: number; batches: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM items WHERE task_id = ANY($1::text[])) AS items,
       (SELECT count(*)::int FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.task_id = ANY($1::text[])
          AND (SELECT count(*) FROM assignments a WHERE a.item_id = i.id AND a.batch_id IS NOT NULL) <> t.redundancy) AS short,
       (SELECT count(*)::int FROM items WHERE task_id = ANY($1::text[]) AND status = 'open') AS open,
       (SELECT count(*)::int FROM items WHERE task_id = ANY($1::text[]) AND status = 'accepted' AND rewarded_epoch IS NULL) AS unrewarded,
       (SELECT count(*)::int FROM batches WHERE task_id = ANY($1::text[])) AS batches`,
    [taskIds],
  );
  const published = tasks.reduce((n, t) => n + t.items, 0);
  if (counts!.items !== published) problems.push(`${counts!.items} item rows for ${published} published`);
  if (counts!.short > 0) problems.push(`${counts!.short} item(s) without exactly k submissions`);
  if (counts!.open > 0) problems.push(`${counts!.open} item(s) still open`);
  if (undecidedAfterDrain.length > 0) problems.push(`${undecidedAfterDrain.length} item(s) had k submissions but no decision once the load drained (before the final close decided them), e.g. ${undecidedAfterDrain[0]}`);
  if (counts!.unrewarded > 0) problems.push(`${counts!.unrewarded} accepted item(s) never rewarded`);
  if (counts!.batches !== acknowledgedBatches) problems.push(`${counts!.batches} batch rows for ${acknowledgedBatches} acknowledged`);
  return { name: 'no item or consensus lost', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : `${published} item(s), all with k submissions, decided and (accepted ones) rewarded; ${counts!.batches} batches stored = acknowledged` };
}

/**
 * GET /media as a client does: the replica answers the bytes, or (object
 * storage, `redirect`) a 302 to a presigned URL of the bucket, followed
 * without the hub's bearer token.
 */
async function download(url: string, token: string): Promise<Response> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) return res;
  await res.arrayBuffer();
  return fetch(new URL(location, url));
}

/** Each file uploaded through `uploadedVia` downloads byte-identical from every other replica, asked directly. */
export async function mediaAcrossReplicas(task: PublishedTask, uploadedVia: RunningHub, others: RunningHub[], requesterToken: string): Promise<Invariant> {
  const files = [...task.media].filter(([, m]) => m.uploadedVia === uploadedVia.url);
  const problems: string[] = [];
  for (const [sha256, { bytes }] of files) {
    for (const replica of others) {
      const res = await download(`${replica.url}/media/${sha256}`, requesterToken);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) problems.push(`${sha256.slice(0, 12)} via ${replica.url}: ${res.status} ${body.toString('utf8', 0, 200)}`);
      else if (!body.equals(bytes)) problems.push(`${sha256.slice(0, 12)} via ${replica.url}: ${body.length} bytes differ from the ${bytes.length} uploaded`);
    }
  }
  const ok = files.length > 0 && problems.length === 0;
  return {
    name: 'media uploaded through replica 1 readable through the others',
    ok,
    detail: problems.length ? `${problems.length} failed download(s): ${problems.slice(0, 3).join('; ')}` : `${files.length} file(s) × ${others.length} replica(s) byte-identical`,
  };
}

export async function openDatabase(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
