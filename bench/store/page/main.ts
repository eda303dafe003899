import { measureLayouts } from './layoutProbe';
import { measureEdits, openProjectAndRender, seedProject } from './storeProbe';
import { page } from './dom';
import { measureEditScale, measureStatsScale } from './editScaleProbe';

const moduleStart = performance.now();

/** The API the Node driver calls through page.evaluate(). */
export const benchApi = {
  measureLayouts,
  seedProject,
  measureEdits,
  measureEditScale,
  measureStatsScale,
  /** Set when the page was loaded with ?open=<db>: the open-to-first-render run starts as soon as the module runs. */
  openResult: null as Promise<Awaited<ReturnType<typeof openProjectAndRender>>> | null,
};
export type BenchApi = typeof benchApi;

const openDb = new URLSearchParams(page.location.search).get('open');
if (openDb) benchApi.openResult = openProjectAndRender(openDb, moduleStart);

page.groundworkBench = benchApi;
