import { describe, expect, it } from 'vitest';
import { verifyExport } from './verifyExport';

/** File-level refusals; the checks of a real export (signatures, proofs, consensus, dataset) are in hub/export/export.test.ts. */
const noRecovery = () => {
  throw new Error('not reached');
};

describe('verifyExport', () => {
  it('names the missing top-level files', () => {
    const r = verifyExport([{ path: 'dataset/annotations.json', content: '{}' }], { recoverSigner: noRecovery });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ itemId: null, check: 'files', message: expect.stringContaining('missing manifest.json and lineage.jsonl') }]);
  });

  it('refuses a manifest of another schema and a lineage line that is not JSON', () => {
    const bad = verifyExport(
      [
        { path: 'manifest.json', content: JSON.stringify({ schema: 'something-else/1' }) },
        { path: 'lineage.jsonl', content: '' },
      ],
      { recoverSigner: noRecovery },
    );
    expect(bad.problems[0]).toMatchObject({ check: 'manifest', message: expect.stringContaining('schema') });
  });
});
