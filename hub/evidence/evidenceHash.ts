import { getAddress, keccak256, toUtf8Bytes } from 'ethers';

/** One evidence row as it enters the hash (ids as decimal strings: they are bigserials). */
export interface HashedEvidence {
  id: string;
  kind: string;
  itemId: string | null;
  taskId: string | null;
  detail: unknown;
}

/** Names the document's form, so a later change of form cannot be mistaken for this one. */
export const EVIDENCE_DOCUMENT_SCHEMA = 'groundwork-evidence/1';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (JS default sort)
 * at every depth, no whitespace, strings escaped as JSON.stringify does,
 * arrays in their order. Only strings, integers, booleans, null, arrays and
 * plain objects are allowed — a float or a bigint could print differently
 * elsewhere, so it is refused rather than hashed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON takes safe integers only, got ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON cannot hold ${typeof value}`);
}

/**
 * The document a slash's evidence hash is taken over:
 *   { "account": <checksummed address>,
 *     "evidence": [ { "detail", "id", "itemId", "kind", "taskId" } … sorted by id ascending ],
 *     "schema": "groundwork-evidence/1" }
 * (written as canonicalJson, so the keys come out in exactly that order).
 */
export function evidenceDocument(account: string, rows: readonly HashedEvidence[]): string {
  const evidence = [...rows]
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0))
    .map((r) => ({ detail: r.detail, id: String(r.id), itemId: r.itemId, kind: r.kind, taskId: r.taskId }));
  return canonicalJson({ account: getAddress(account), evidence, schema: EVIDENCE_DOCUMENT_SCHEMA });
}

/** keccak256 of the UTF-8 bytes of evidenceDocument: the bytes32 `slash` carries and `Slashed` emits. */
export function evidenceHash(account: string, rows: readonly HashedEvidence[]): string {
  return keccak256(toUtf8Bytes(evidenceDocument(account, rows)));
}
