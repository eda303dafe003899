// What the global setup hands the tests. Playwright starts its workers after
// the global setup, so values put into process.env there reach every test.
// Two tests run at once (one per worker), so there is one host per worker:
// its keys carry the worker's parallel index (GROUNDWORK_E2E_URL_0, _1, …),
// and e2eHost() picks the one of the worker it is called in.

export interface E2eHost {
  /** The URL the host printed, token included: what a user opens. */
  url: string;
  /** http://127.0.0.1:<port> without path or token. */
  origin: string;
  port: number;
  token: string;
  /** The host's Node-side data dir (granted roots, exports, demo media). */
  dataDir: string;
  /** A fresh copy of the fixture image folder (see fixtures/fixtureFolder.ts). */
  fixtureDir: string;
}

/**
 * How many workers run the suite, and so how many hosts the global setup
 * starts (it reads the resolved count from the config, so `--workers N` on
 * the command line starts N). GROUNDWORK_E2E_WORKERS sets it; 2 by default:
 * see the comment in playwright.config.ts.
 */
export const E2E_WORKERS = workerCount(process.env.GROUNDWORK_E2E_WORKERS);

function workerCount(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 2;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`GROUNDWORK_E2E_WORKERS must be a whole number of at least 1, not ${JSON.stringify(raw)}`);
  return n;
}

const KEYS = {
  url: 'GROUNDWORK_E2E_URL',
  port: 'GROUNDWORK_E2E_PORT',
  token: 'GROUNDWORK_E2E_TOKEN',
  dataDir: 'GROUNDWORK_E2E_DATA_DIR',
  fixtureDir: 'GROUNDWORK_E2E_FIXTURE_DIR',
} as const;
const HOST_COUNT = 'GROUNDWORK_E2E_HOSTS';

/** Publishes the host of the worker whose parallel index is `index`; `count` is how many hosts there are. */
export function publishHost(index: number, count: number, host: Omit<E2eHost, 'origin'>): void {
  process.env[HOST_COUNT] = String(count);
  process.env[`${KEYS.url}_${index}`] = host.url;
  process.env[`${KEYS.port}_${index}`] = String(host.port);
  process.env[`${KEYS.token}_${index}`] = host.token;
  process.env[`${KEYS.dataDir}_${index}`] = host.dataDir;
  process.env[`${KEYS.fixtureDir}_${index}`] = host.fixtureDir;
}

/** The host of the worker this runs in (Playwright sets TEST_PARALLEL_INDEX, 0 … workers − 1, in each worker). */
export function e2eHost(): E2eHost {
  const index = process.env.TEST_PARALLEL_INDEX;
  if (index === undefined) throw new Error('TEST_PARALLEL_INDEX is not set: e2eHost() is for tests run by Playwright (e2e/playwright.config.ts)');
  const read = (key: string): string => {
    const value = process.env[`${key}_${index}`];
    if (value) return value;
    const count = process.env[HOST_COUNT];
    if (!count) throw new Error(`${key}_${index} is not set: run the e2e suite through e2e/playwright.config.ts, whose global setup starts the hosts`);
    throw new Error(`no host for worker ${index}: the global setup started ${count}, one per worker it was told of`);
  };
  const port = Number(read(KEYS.port));
  return {
    url: read(KEYS.url),
    origin: `http://127.0.0.1:${port}`,
    port,
    token: read(KEYS.token),
    dataDir: read(KEYS.dataDir),
    fixtureDir: read(KEYS.fixtureDir),
  };
}
