import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyExport } from '../../core/verify/verifyExport';
import { recoverSigner } from '../batches/recoverSigner';
import { describeOnPostgres } from '../db/testPostgres';
import { startTestHub } from '../testKit';
import { buildVideoReviewScenario, type VideoReviewScenario } from '../verdicts/videoReviewScenario';
import { buildExport } from './buildExport';
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

describeOnPostgres('video task export', (url) => {
  let s: VideoReviewScenario;
  beforeAll(async () => {
    s = await buildVideoReviewScenario((config) => startTestHub({ ...config, databaseUrl: url() }));
  }, 180_000);
  afterAll(async () => s?.hub.close(), 120_000);

  it('exports the clips (accepted, and disputed as a proposal) in CVAT for video and MOT with lineage that verifies', async () => {
    const res = await fetch(`${s.hub.url}/tasks/${s.taskId}/export?format=cvat&disputed=include`, { headers: { authorization: `Bearer ${s.requesterToken}` } });
    expect(res.status).toBe(200);
    const result = verifyExport(unzipText(new Uint8Array(await res.arrayBuffer())), { recoverSigner });
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual({ accepted: 1, resolved: 0, disputed: 1 });
    const mot = verifyExport(unzipText((await buildExport(s.hub.context, s.taskId, { format: 'mot', disputed: 'include' })).zip), { recoverSigner });
    expect(mot.problems).toEqual([]);
  });
});
