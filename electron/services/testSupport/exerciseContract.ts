// Every method of every service, driven through a real proxy; shared by the
// in-memory contract test and the WebSocket host test so both transports are
// held to the same expectations.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { RemoteError } from '../../common/contract/errors';
import { AppInfoSchema, DirectoryListingSchema, IntakeReportSchema, type JobInfo } from '../../common/services';
import { demoFileNames } from '../media/demoFolder';
import { waitForJobEnd, type ContractClients } from './contractClients';
import { makeIntakeFixture, makePrelabelFixture, tempDir } from './fixtureImages';
import { expectedPredictions, installTestModel, TEST_MODEL_ID } from './testModel';
import { exerciseVideo } from './exerciseVideo';

export async function exerciseContract(clients: ContractClients, options: { dataDir: string; mediaDir: string; hostKind: 'browser' | 'electron' }) {
  const { app, media, jobs } = clients;
  const { dataDir, mediaDir } = options;

  const info = AppInfoSchema.parse(await app.getInfo({}));
  expect(info).toMatchObject({ name: 'Groundwork', host: options.hostKind, dataDir: path.resolve(dataDir) });
  expect(await app.pickFolder({ title: 'Choose' })).toEqual({ path: null });

  await makeIntakeFixture(mediaDir);
  const root = await media.openFolder({ path: mediaDir });
  expect(await media.openFolder({ path: mediaDir })).toEqual(root);
  expect(await media.listRoots({})).toEqual([root]);
  const persisted = JSON.parse(await readFile(path.join(dataDir, 'roots.json'), 'utf8')) as { roots: unknown[] };
  expect(persisted.roots).toEqual([root]);

  const listing = DirectoryListingSchema.parse(await media.listDirectory({ path: mediaDir }));
  expect(listing.entries.map((e) => `${e.name}${e.isDirectory ? '/' : ''}`)).toEqual(['a/', 'b/', 'c/']);
  expect(listing.parent).toBe(path.dirname(root.path));

  const image = await media.readImage({ rootId: root.rootId, relPath: 'a/sub/scene.png' });
  expect(image.mime).toBe('image/png');
  expect(image.bytes).toBeInstanceOf(Uint8Array);
  expect(Buffer.from(image.bytes).equals(await readFile(path.join(mediaDir, 'a/sub/scene.png')))).toBe(true);
  await expect(media.readImage({ rootId: root.rootId, relPath: 'a/missing.png' })).rejects.toThrow(/does not exist/);
  await expect(media.readImage({ rootId: 'nope', relPath: 'a/sub/scene.png' })).rejects.toThrow(/no media folder with id "nope"/);

  const demo = await media.createDemoFolder({});
  expect(demo.path).toBe(path.join(path.resolve(dataDir), 'demo'));
  const demoRoot = await media.openFolder({ path: demo.path });
  for (const name of demoFileNames) {
    expect((await media.readImage({ rootId: demoRoot.rootId, relPath: name })).bytes.length).toBeGreaterThan(100);
  }

  const exported = await media.writeExport({ name: 'coco', files: [{ path: 'annotations.json', content: '{"images":[]}' }, { path: 'labels/a.txt', content: '0 0.5 0.5 0.1 0.1\n' }] });
  expect(exported.paths).toEqual([path.join(exported.dir, 'annotations.json'), path.join(exported.dir, 'labels', 'a.txt')]);
  expect(await readFile(exported.paths[1]!, 'utf8')).toBe('0 0.5 0.5 0.1 0.1\n');

  const seen: JobInfo[] = [];
  const { jobId } = await jobs.start({ params: { kind: 'intake', rootId: root.rootId } });
  const finalEvent = await waitForJobEnd(clients, jobId, seen);
  expect(finalEvent.state).toBe('succeeded');
  const job = await jobs.get({ jobId });
  const report = IntakeReportSchema.parse(job.result);
  expect(report.accepted).toHaveLength(5);
  expect(report.rejected).toHaveLength(3);
  expect(report.duplicates.map((d) => d.kind)).toEqual(['exact', 'near']);
  expect(job).toMatchObject({ done: 8, total: 8 });
  expect((await jobs.list({})).map((j) => [j.id, j.state, 'result' in j])).toContainEqual([jobId, 'succeeded', false]);
  expect(await jobs.cancel({ jobId })).toEqual({ cancelled: false });
  await expect(jobs.get({ jobId: 'unknown' })).rejects.toThrow(/no job with id "unknown"/);

  // Schema validation happens on the host, whatever the client's types say.
  const invalid = media.readImage({ rootId: root.rootId, relPath: '../outside.png' });
  await expect(invalid).rejects.toBeInstanceOf(RemoteError);
  await expect(invalid).rejects.toThrow(/invalid arguments for media\.readImage: relPath: path must be relative/);
  await expect(media.readImage({ rootId: 7, relPath: 'a.png' } as never)).rejects.toThrow(/rootId: Invalid input: expected string, received number/);
  await expect(media.listRoots({ extra: true } as never)).rejects.toThrow(/Unrecognized key: "extra"/);
  await expect(jobs.start({ params: { kind: 'bogus' } } as never)).rejects.toThrow(/invalid arguments for jobs\.start: params\.kind/);

  await exerciseInference(clients, dataDir);
  await exerciseVideo(clients);
}

/** The inference service and the prelabel job over the real engine, with the test model dropped into `<dataDir>/models`. */
async function exerciseInference(clients: ContractClients, dataDir: string) {
  const { media, jobs, inference } = clients;
  const modelsDir = path.join(dataDir, 'models');
  await installTestModel(modelsDir);
  await writeFile(path.join(modelsDir, 'broken.json'), '{ "id": "broken", ');

  const models = await inference.listModels({});
  expect(models.find((m) => m.id === TEST_MODEL_ID)).toEqual({
    id: TEST_MODEL_ID,
    name: 'Test detector (constant head)',
    task: 'detect',
    classes: ['cat', 'dog'],
    defaults: { confidence: 0.25, iou: 0.45 },
    available: true,
    problems: [],
    manifestPath: path.join(path.resolve(dataDir), 'models', `${TEST_MODEL_ID}.json`),
    runsAlone: true,
    needsConfirmation: false,
  });
  // Only a listed proposal can be confirmed: a declared model's manifest path is refused, nothing is written.
  await expect(inference.confirmModel({ manifestPath: path.join(path.resolve(dataDir), 'models', `${TEST_MODEL_ID}.json`), corrections: {} })).rejects.toThrow(/no proposed model waits for confirmation/);
  expect(models.find((m) => m.id === 'broken')).toMatchObject({ available: false, problems: [expect.stringMatching(/^invalid JSON/)] });

  const loaded = await inference.loadModel({ modelId: TEST_MODEL_ID });
  expect(loaded).toMatchObject({ modelId: TEST_MODEL_ID, provider: 'cpu' });
  for (const fallback of loaded.fallbacks) expect(fallback.reason).not.toBe('');
  await expect(inference.loadModel({ modelId: 'nope' })).rejects.toThrow(/no manifest declares model 'nope'/);

  const mediaDir = await tempDir('contract-prelabel');
  const fixture = await makePrelabelFixture(mediaDir, 2);
  const { rootId } = await media.openFolder({ path: mediaDir });
  const thresholds = { confidence: 0.25, iou: 0.45 };
  const predicted = await inference.predictItem({ modelId: TEST_MODEL_ID, rootId, itemId: 'a', relPath: fixture.good[0]!, thresholds });
  expect(predicted).toMatchObject({ ok: true, itemId: 'a', width: 128, height: 128 });
  expect((predicted as { predictions: { box: unknown }[] }).predictions.map((p) => p.box)).toEqual(expectedPredictions(128).map((p) => p.box));
  // A higher confidence threshold keeps only the cat (0.9), not the dog (0.8).
  const strict = await inference.predictItem({ modelId: TEST_MODEL_ID, rootId, itemId: 'a', relPath: fixture.good[0]!, thresholds: { confidence: 0.85, iou: 0.45 } });
  expect((strict as { predictions: { className: string }[] }).predictions.map((p) => p.className)).toEqual(['cat']);
  expect(await inference.predictItem({ modelId: TEST_MODEL_ID, rootId, itemId: 'c', relPath: fixture.corrupt, thresholds })).toEqual({
    ok: false,
    itemId: 'c',
    error: expect.stringContaining(`cannot decode image ${fixture.corrupt}`) as string,
  });
  expect(await inference.predictItem({ modelId: TEST_MODEL_ID, rootId, itemId: 'm', relPath: 'missing.png', thresholds })).toEqual({
    ok: false,
    itemId: 'm',
    error: '"missing.png" does not exist in the media folder',
  });
  await expect(inference.predictItem({ modelId: 'nope', rootId, itemId: 'a', relPath: fixture.good[0]!, thresholds })).rejects.toThrow(/no manifest declares model 'nope'/);
  await expect(inference.predictItem({ modelId: TEST_MODEL_ID, rootId: 'unknown', itemId: 'a', relPath: fixture.good[0]!, thresholds })).rejects.toThrow(/no media folder with id "unknown"/);
  await expect(inference.predictItem({ modelId: TEST_MODEL_ID, rootId, itemId: 'a', relPath: '../x.png', thresholds })).rejects.toThrow(
    /invalid arguments for inference\.predictItem: relPath: path must be relative/,
  );
  await expect(inference.predictItem({ modelId: TEST_MODEL_ID, rootId, itemId: 'a', relPath: 'a.png' } as never)).rejects.toThrow(/thresholds: Invalid input/);

  // A small background run: each item streams as an itemResult event, and the same results can be read back.
  const items = [...fixture.good, fixture.corrupt].map((relPath, i) => ({ itemId: `item-${i}`, relPath }));
  const streamed: { index: number; result: unknown }[] = [];
  let prelabelJobId = '';
  const off = jobs.on('itemResult', (event) => {
    if (event.jobId === prelabelJobId) streamed.push({ index: event.index, result: event.result });
  });
  const started = await jobs.start({ params: { kind: 'prelabel', modelId: TEST_MODEL_ID, rootId, projectId: 'p', thresholds, items } });
  prelabelJobId = started.jobId;
  const final = await (async () => {
    for (;;) {
      const info = await jobs.get({ jobId: prelabelJobId });
      if (info.state !== 'queued' && info.state !== 'running') return info;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  off();
  expect(final).toMatchObject({ state: 'succeeded', done: 3, total: 3, failed: 1, resumable: true, result: { provider: 'cpu', items: 3, failed: 1 } });
  const read = await jobs.results({ jobId: prelabelJobId, from: 0 });
  expect(read.next).toBe(3);
  expect(read.results.map((r) => [r.index, r.result.itemId, r.result.ok])).toEqual([
    [0, 'item-0', true],
    [1, 'item-1', true],
    [2, 'item-2', false],
  ]);
  expect(streamed).toEqual(read.results);
}
