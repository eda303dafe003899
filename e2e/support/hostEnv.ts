// What the global setup hands the tests. Playwright starts its workers after
// the global setup, so values put into process.env there reach every test.

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

const KEYS = {
  url: 'GROUNDWORK_E2E_URL',
  port: 'GROUNDWORK_E2E_PORT',
  token: 'GROUNDWORK_E2E_TOKEN',
  dataDir: 'GROUNDWORK_E2E_DATA_DIR',
  fixtureDir: 'GROUNDWORK_E2E_FIXTURE_DIR',
} as const;

export function publishHost(host: Omit<E2eHost, 'origin'>): void {
  process.env[KEYS.url] = host.url;
  process.env[KEYS.port] = String(host.port);
  process.env[KEYS.token] = host.token;
  process.env[KEYS.dataDir] = host.dataDir;
  process.env[KEYS.fixtureDir] = host.fixtureDir;
}

export function e2eHost(): E2eHost {
  const read = (key: string): string => {
    const value = process.env[key];
    if (!value) throw new Error(`${key} is not set: run the e2e suite through e2e/playwright.config.ts, whose global setup starts the host`);
    return value;
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
