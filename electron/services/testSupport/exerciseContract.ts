// Every method of every service, driven through a real proxy; shared by the
// in-memory contract test and the WebSocket host test so both transports are
// held to the same expectations.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { RemoteError } from '../../common/contract/errors';
import { AppInfoSchema, DirectoryListingSchema, IntakeReportSchema, type JobInfo } from '../../common/services';
import { demoFileNames } from '../media/demoFolder';
import { waitForJobEnd, type ContractClients } from './contractClients';
import { makeIntakeFixture } from './fixtureImages';

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
}
