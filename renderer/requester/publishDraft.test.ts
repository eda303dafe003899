import { describe, expect, it } from 'vitest';
import { PublishJobParamsSchema } from '../../electron/common/services/jobsService';
import { boxShape } from '../store/testing/fixtures';
import { testStores } from '../store/testing/testStores';
import { checkTerms, loadPublishSource, maxBudgetWei, publishParams, type PublishTerms } from './publishDraft';

const { projectWithItems } = testStores();
const NOW = Date.UTC(2030, 0, 1, 12);
const terms = (patch: Partial<PublishTerms> = {}): PublishTerms => ({
  title: 'Street signs',
  instructions: '# Box every sign',
  redundancy: '3',
  level: '0',
  deadline: '',
  rewardPerItemWei: '500000000000000000',
  reviewerFeeWei: '0',
  ...patch,
});

describe('publishing a project: what it offers', () => {
  it('lists its images in order and, as labeled, the done items with their shapes by class name (pending pre-labels left out)', async () => {
    const { store, project, items } = await projectWithItems(3);
    const [a, b] = items;
    const doc = await store.openItem(a!.id);
    const pending = { ...boxShape(project.id, a!.id, 'p1', 90, 'cat'), prelabel: { runId: 'r', predictionId: 'x', modelId: 'm', score: 0.9, predictedBox: { x: 90, y: 10, w: 50, h: 40 }, predictedClassId: 'cat', review: 'pending' as const } };
    doc.commit({ put: [boxShape(project.id, a!.id, 's1', 10, 'dog'), boxShape(project.id, a!.id, 's2', 5, 'cat'), pending], remove: [] }, { history: true, label: 'draw' });
    await store.setItemStatus(a!.id, 'done');
    await store.setItemStatus(b!.id, 'done');
    const source = await loadPublishSource(store, project);
    expect(source.hasVideo).toBe(false);
    expect(source.images.map((i) => i.relPath)).toEqual(['img0.jpg', 'img1.jpg', 'img2.jpg']);
    expect(source.labeled).toEqual([
      {
        relPath: 'img0.jpg',
        shapes: [
          { className: 'cat', box: { x: 5, y: 10, w: 50, h: 40 } },
          { className: 'dog', box: { x: 10, y: 10, w: 50, h: 40 } },
        ],
      },
      // Done with no boxes: "nothing here" is an answer too.
      { relPath: 'img1.jpg', shapes: [] },
    ]);
  });
});

describe('publishing a project: the terms', () => {
  it('names every problem with its field before anything is sent', () => {
    expect(checkTerms(terms(), 1, NOW)).toEqual([]);
    const problems = checkTerms(terms({ title: ' ', redundancy: '0', level: '101', rewardPerItemWei: '0', reviewerFeeWei: null, deadline: new Date(NOW + 30_000).toISOString().slice(0, 16) }), 21, NOW);
    expect(problems.map((p) => p.field)).toEqual(['title', 'redundancy', 'level', 'reward', 'reviewerFee', 'deadline', 'examples']);
    expect(checkTerms(terms({ rewardPerItemWei: null }), 0, NOW)[0]!.message).toMatch(/greater than 0, e\.g\. 0\.5/);
    expect(checkTerms(terms({ deadline: '2034-01-01T00:00' }), 0, NOW)[0]!.message).toMatch(/at most three years away/);
  });

  it('computes the maximum budget as k × reward × items + fee × items, in wei', () => {
    expect(maxBudgetWei(20, 3, '500000000000000000', '200000000000000000')).toBe(20n * (3n * 5n * 10n ** 17n + 2n * 10n ** 17n));
  });

  it('builds job parameters the host accepts: items with intake hashes, examples, honeypots only when chosen, the deadline with its zone', async () => {
    const { project, store } = await projectWithItems(2);
    const source = await loadPublishSource(store, project);
    source.labeled = [{ relPath: 'img1.jpg', shapes: [{ className: 'cat', box: { x: 1, y: 2, w: 3, h: 4 } }] }];
    const deadline = '2030-02-01T10:30';
    const params = publishParams({ hubUrl: 'http://127.0.0.1:8787', project, source, terms: terms({ deadline }), examples: ['img0.jpg'], useHoneypots: true, republish: false });
    expect(PublishJobParamsSchema.parse(params)).toMatchObject({
      items: [
        { relPath: 'img0.jpg', fileName: 'img0.jpg', width: 640, height: 480, sha256: '0'.repeat(64) },
        { relPath: 'img1.jpg', fileName: 'img1.jpg', width: 640, height: 480 },
      ],
      terms: { title: 'Street signs', redundancy: 3, rewardPerItem: '500000000000000000', deadline: new Date(deadline).toISOString(), labelSchema: project.labelSchema },
      examples: [{ relPath: 'img0.jpg' }],
      honeypots: [{ relPath: 'img1.jpg' }],
    });
    expect(publishParams({ hubUrl: 'http://h', project, source, terms: terms(), examples: [], useHoneypots: false, republish: true })).toMatchObject({ honeypots: [], republish: true, terms: { deadline: null } });
  });

  it('a video project: its videos become items with the frame count and rate of the local probe, and the thresholds go with the task', async () => {
    const { store, project } = await projectWithItems(0);
    await store.addItems(project.id, [
      { relPath: 'clips/a.mp4', width: 320, height: 240, sha256: 'a'.repeat(64), phash: 'b'.repeat(16), bytes: 5000, kind: 'video', video: { frameCount: 120, fps: 25, durationSec: 4.8, variableFrameRate: false, codec: 'h264', rotation: 0 } },
    ]);
    const source = await loadPublishSource(store, project);
    expect(source).toMatchObject({ hasVideo: true, images: [], videos: [{ relPath: 'clips/a.mp4', frameCount: 120, fps: 25, sha256: 'a'.repeat(64) }] });
    const consensus = { trackIouThreshold: 0.7, boundaryTolerance: 3 };
    const params = PublishJobParamsSchema.parse(publishParams({ hubUrl: 'http://h', project, source, terms: terms({ consensus }), examples: [], useHoneypots: false, republish: false }));
    expect(params.items).toEqual([{ relPath: 'clips/a.mp4', fileName: 'clips/a.mp4', width: 320, height: 240, sha256: 'a'.repeat(64), video: { frameCount: 120, fps: 25 } }]);
    expect(params.terms.consensus).toEqual(consensus);
  });
});
