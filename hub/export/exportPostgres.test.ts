import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyExport } from '../../core/verify/verifyExport';
import { recoverSigner } from '../batches/recoverSigner';
import { describeOnPostgres } from '../db/testPostgres';
import { buildExportScenario, downloadExport, unzipText, type ExportScenario } from './exportTestKit';

describeOnPostgres('task export', (url) => {
  let s: ExportScenario;
  beforeAll(async () => {
    s = await buildExportScenario({ databaseUrl: url() });
  }, 120_000);
  afterAll(async () => s?.hub.close());

  it('exports every state with lineage that verifies', async () => {
    const res = await downloadExport(s, 'format=cvat&disputed=include');
    expect(res.status).toBe(200);
    const result = verifyExport(unzipText(res.zip), { recoverSigner });
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual({ accepted: 2, resolved: 1, disputed: 1 });
  });
});
