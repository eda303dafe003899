import { describe, expect, it } from 'vitest';
import { IntakeReportSchema } from '../../common/services/intake';
import { createRootStore } from '../media/rootStore';
import { makeIntakeFixture, tempDir } from '../testSupport/fixtureImages';
import { createIntakeJob } from './intakeJob';

async function runIntake() {
  const media = await tempDir('intake-media');
  await makeIntakeFixture(media);
  const roots = createRootStore(await tempDir('intake-data'));
  const root = await roots.grant(media);
  const progress: Array<[number, number]> = [];
  const result = await createIntakeJob(roots)({ kind: 'intake', rootId: root.rootId }, { jobId: 'test', signal: new AbortController().signal, progress: (d, t) => progress.push([d, t]) });
  return { report: IntakeReportSchema.parse(result), progress };
}

describe('intake job', () => {
  it('accepts good images from sub-folders, rejects bad ones with reasons, flags duplicates', async () => {
    const { report, progress } = await runIntake();
    expect(report.accepted.map((a) => a.relPath)).toEqual(['a/original.jpg', 'a/sub/scene.png', 'b/copy-of-original.jpg', 'b/other.webp', 'c/resized-original.jpg']);
    const byPath = Object.fromEntries(report.accepted.map((a) => [a.relPath, a]));
    expect(byPath['a/original.jpg']).toMatchObject({ width: 320, height: 240 });
    expect(byPath['a/sub/scene.png']).toMatchObject({ width: 200, height: 150 });
    expect(byPath['b/other.webp']).toMatchObject({ width: 180, height: 120 });
    expect(byPath['a/original.jpg']!.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(byPath['a/original.jpg']!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const reasons = Object.fromEntries(report.rejected.map((r) => [r.relPath, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['c/empty.jpg', 'c/notes.png', 'c/truncated.jpg']);
    expect(reasons['c/empty.jpg']).toMatch(/empty file/);
    expect(reasons['c/truncated.jpg']).toMatch(/^truncated: the JPEG data ends before the image is complete/);
    expect(reasons['c/notes.png']).toBe('not an image: the content is not JPEG, PNG or WebP data');

    expect(report.duplicates).toEqual([
      { relPath: 'b/copy-of-original.jpg', duplicateOf: 'a/original.jpg', kind: 'exact', distance: 0 },
      expect.objectContaining({ relPath: 'c/resized-original.jpg', duplicateOf: 'a/original.jpg', kind: 'near' }),
    ]);
    expect(report.duplicates[1]!.distance).toBeLessThanOrEqual(6);
    // Distinct scenes must not be called duplicates of each other.
    expect(report.duplicates.map((d) => d.relPath)).not.toContain('b/other.webp');
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it('stops when cancelled', async () => {
    const media = await tempDir('intake-cancel');
    await makeIntakeFixture(media);
    const roots = createRootStore(await tempDir('intake-cancel-data'));
    const root = await roots.grant(media);
    const controller = new AbortController();
    const run = createIntakeJob(roots)({ kind: 'intake', rootId: root.rootId }, { jobId: 'test', signal: controller.signal, progress: (done) => done === 1 && controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });
});
