import type { RunningHub } from '../../hub/startHub';

export interface Capture {
  /** Items whose k slots were all taken. */
  items: number;
  /** Items on which attacker wallets hold more than half of the slots. */
  attackerMajority: number;
  /** The attacker's share of all slots taken. */
  attackerSlotShare: number;
  /** Accepted items (paid). */
  accepted: number;
  /** Accepted items whose consensus agrees with the attacker's labels. */
  decidedByAttacker: number;
  disputed: number;
}

/** Reads who holds each item's slots and how each accepted item was decided, from the hub's database. */
export async function measureCapture(hub: RunningHub, taskId: string, attacker: Set<string>): Promise<Capture> {
  const rows = await hub.context.db.query<{ annotators: string[]; redundancy: number; status: string; agreeing: string[] | null }>(
    `SELECT array_agg(a.annotator) AS annotators, t.redundancy, i.status,
       ARRAY(SELECT jsonb_array_elements_text(i.consensus->'agreeingAnnotators')) AS agreeing
     FROM items i JOIN tasks t ON t.id = i.task_id JOIN assignments a ON a.item_id = i.id
     WHERE i.task_id = $1 GROUP BY i.id, t.redundancy, i.status, i.consensus`,
    [taskId],
  );
  const c: Capture = { items: 0, attackerMajority: 0, attackerSlotShare: 0, accepted: 0, decidedByAttacker: 0, disputed: 0 };
  let slots = 0;
  let attackerSlots = 0;
  for (const r of rows) {
    const mine = r.annotators.filter((a) => attacker.has(a)).length;
    slots += r.annotators.length;
    attackerSlots += mine;
    if (r.annotators.length < r.redundancy) continue;
    c.items++;
    if (mine * 2 > r.redundancy) c.attackerMajority++;
    if (r.status === 'disputed') c.disputed++;
    if (r.status === 'accepted') {
      c.accepted++;
      if ((r.agreeing ?? []).some((a) => attacker.has(a))) c.decidedByAttacker++;
    }
  }
  c.attackerSlotShare = slots ? attackerSlots / slots : 0;
  return c;
}
