import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Browser, type Page } from '@playwright/test';
import { LabelingPage } from '../pages/LabelingPage';
import { NetworkPage } from '../pages/NetworkPage';
import { ProjectListPage } from '../pages/ProjectListPage';
import { startHost, type RunningHost } from './startHost';

const rendererDir = process.env.GROUNDWORK_RENDERER_DIR || fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface WorkstationHosts {
  hosts: RunningHost[];
  /** Stops every host and removes their data folders. */
  stop(): Promise<void>;
}

/** One browser host per name, each with its own data folder (and so its own wallet) in a fresh temp dir. */
export async function startWorkstationHosts(label: string, names: string[]): Promise<WorkstationHosts> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `groundwork-e2e-${label}-`));
  const hosts: RunningHost[] = [];
  const stop = async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    for (const name of names) hosts.push(await startHost({ dataDir: path.join(workDir, name), rendererDir }));
    return { hosts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Workstation {
  page: Page;
  network: NetworkPage;
  address: string;
}

/** A workstation in a fresh browser context: the app opened on `host`, a new wallet, connected and signed in to the hub. */
export async function openWorkstation(browser: Browser, host: RunningHost, hubUrl: string, rpcUrl: string): Promise<Workstation> {
  const page = await (await browser.newContext()).newPage();
  await new ProjectListPage(page).open(host.url);
  const network = await new NetworkPage(page).open();
  const address = await network.createWallet('correct horse battery');
  await network.connectHub(hubUrl, rpcUrl);
  return { page, network, address };
}

/** Labels every item of the open project with one box of `className` and marks each done, all in the local store. */
export async function labelEveryItem(page: Page, count: number, className: string, box: { x: number; y: number; w: number; h: number }): Promise<void> {
  const labeling = await new LabelingPage(page).waitUntilReady();
  await expect(labeling.itemRows).toHaveCount(count);
  for (let i = 0; i < count; i++) {
    const relPath = (await labeling.itemRows.nth(i).getAttribute('data-rel-path'))!;
    await labeling.openItem(relPath);
    await labeling.useClass(className);
    await labeling.drawBox(box);
    await page.getByTestId('mark-done-button').click();
    await expect(labeling.item(relPath)).toHaveAttribute('data-status', 'done');
  }
  await labeling.expectAllSaved();
}
