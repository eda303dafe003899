import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testSupport/fixtureImages';
import { createIntakeJob } from '../intake/intakeJob';
import { createVideoEngine } from '../video/videoEngine';
import { IntakeReportSchema } from '../../common/services/intake';
import { demoFileNames, ensureDemoFolder } from './demoFolder';
import { createRootStore } from './rootStore';

describe('demo folder', () => {
  it('makes six decodable 640×480 images once, byte-identical each time', async () => {
    const first = await ensureDemoFolder(await tempDir('demo-a'));
    const second = await ensureDemoFolder(await tempDir('demo-b'));
    expect((await readdir(first)).sort()).toEqual([...demoFileNames].sort());
    for (const name of demoFileNames) {
      const bytes = await readFile(path.join(first, name));
      expect(await sharp(bytes).metadata()).toMatchObject({ width: 640, height: 480 });
      expect(bytes.equals(await readFile(path.join(second, name))), name).toBe(true);
    }
    const again = await ensureDemoFolder(path.dirname(first));
    expect(again).toBe(first);
    expect(await readdir(path.dirname(first))).toEqual(['demo']);
  });

  it('passes intake cleanly: nothing rejected, no image mistaken for a duplicate of another', async () => {
    const dataDir = await tempDir('demo-intake');
    const roots = createRootStore(dataDir);
    const root = await roots.grant(await ensureDemoFolder(dataDir));
    const report = IntakeReportSchema.parse(await createIntakeJob(roots, createVideoEngine({ dataDir, roots, memoryCapBytes: 1 << 20 }))({ kind: 'intake', rootId: root.rootId }, { jobId: 'test', signal: new AbortController().signal, progress: () => undefined }));
    expect(report.accepted).toHaveLength(6);
    expect(report.rejected).toEqual([]);
    expect(report.duplicates).toEqual([]);
  });
});
