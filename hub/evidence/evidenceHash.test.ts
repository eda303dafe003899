import { id as keccakOfText } from 'ethers';
import { describe, expect, it } from 'vitest';
import { canonicalJson, evidenceDocument, evidenceHash } from './evidenceHash';

const account = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const rows = [
  { id: '12', kind: 'verdict_against', itemId: 'item-b', taskId: 'task-1', detail: { verdictId: '0xab', outcome: { missed: 1, extra: 0 } } },
  { id: '3', kind: 'honeypot_failed', itemId: 'item-a', taskId: 'task-1', detail: { submitted: { shapes: 1, classes: { person: 1 } }, batchDigest: '0xcd' } },
];

describe('evidence hash', () => {
  it('writes canonical JSON: keys sorted at every depth, no whitespace, arrays kept in order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 'x' }], a: null, c: true })).toBe('{"a":null,"b":[3,{"a":"x","z":1}],"c":true}');
    expect(canonicalJson({ 'é': 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
  });

  it('refuses values that could print differently elsewhere (floats, bigints)', () => {
    expect(() => canonicalJson({ iou: 0.5 })).toThrow(/safe integers/);
    expect(() => canonicalJson({ id: 1n })).toThrow(/bigint/);
  });

  it('is keccak256 of the documented document, so anyone can recompute it from the rows', () => {
    const expected =
      '{"account":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","evidence":[' +
      '{"detail":{"batchDigest":"0xcd","submitted":{"classes":{"person":1},"shapes":1}},"id":"3","itemId":"item-a","kind":"honeypot_failed","taskId":"task-1"},' +
      '{"detail":{"outcome":{"extra":0,"missed":1},"verdictId":"0xab"},"id":"12","itemId":"item-b","kind":"verdict_against","taskId":"task-1"}' +
      '],"schema":"groundwork-evidence/1"}';
    expect(evidenceDocument(account, rows)).toBe(expected);
    expect(evidenceHash(account, rows)).toBe(keccakOfText(expected));
  });

  it('does not depend on row order or on the key order a database hands back, but on every field', () => {
    const reordered = [{ ...rows[1]!, detail: { batchDigest: '0xcd', submitted: { classes: { person: 1 }, shapes: 1 } } }, rows[0]!];
    expect(evidenceHash(account, reordered)).toBe(evidenceHash(account, rows));
    expect(evidenceHash(account, [rows[0]!])).not.toBe(evidenceHash(account, rows));
    expect(evidenceHash(account, [{ ...rows[0]!, kind: 'honeypot_failed' }, rows[1]!])).not.toBe(evidenceHash(account, rows));
    expect(evidenceHash('0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', rows)).not.toBe(evidenceHash(account, rows));
  });
});
