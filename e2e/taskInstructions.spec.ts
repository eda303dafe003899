import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { publishTask, startNetworkStack, type NetworkStack } from './support/networkStack';
import { openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

// A task published with instructions and an example image: the annotator sees them before the first item,
// offline from the downloaded copy, and can open them again from the labeling view.
const TASK = 'Parking signs';
const INSTRUCTIONS = '# Parking signs\n\nDraw a **tight** box around every sign.\nSkip signs you cannot read.\n\n- include the pole? **no**\n- partly hidden signs: yes\n\n<b>not html</b>';

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startNetworkStack();
  workstations = await startWorkstationHosts('instructions', ['a']);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
});

test('an annotator reads the task instructions and example before the first item, and again on demand', async ({ browser }) => {
  test.setTimeout(180_000);
  const { hub, anvil } = stack!;
  const example = await sharp({ create: { width: 240, height: 160, channels: 3, background: { r: 30, g: 90, b: 200 } } })
    .composite([{ input: await sharp({ create: { width: 80, height: 100, channels: 3, background: { r: 250, g: 250, b: 250 } } }).png().toBuffer(), left: 80, top: 30 }])
    .png()
    .toBuffer();
  await publishTask(hub, { title: TASK, images: 2, redundancy: 1, rewardPerItem: '1000', classes: ['sign'], instructions: INSTRUCTIONS, examples: [example] });

  const { page, network } = await openWorkstation(browser, workstations!.hosts[0]!, hub.url, anvil.rpcUrl);
  await network.downloadAndOpen(TASK);

  const modal = page.getByTestId('task-instructions');
  await expect(modal).toBeVisible();
  await expect(modal.getByRole('heading', { name: TASK }).first()).toBeVisible();
  await expect(modal.locator('strong', { hasText: 'tight' })).toBeVisible();
  await expect(modal.locator('li')).toHaveCount(2);
  // Markup in the instructions is text, never HTML.
  await expect(modal.getByText('<b>not html</b>')).toBeVisible();
  await expect(modal.locator('b')).toHaveCount(0);
  const image = modal.getByTestId('task-example');
  await expect(image).toHaveCount(1);
  await expect.poll(() => image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(240);
  await page.screenshot({ path: fileURLToPath(new URL('../test-results/task-instructions.png', import.meta.url)) });

  // Keys typed while it is open never reach the labeling hotkeys (N would pick the box tool).
  await page.keyboard.press('n');
  await modal.getByTestId('task-instructions-start').click();
  await expect(modal).toHaveCount(0);
  await expect(page.getByTestId('tool-select')).toHaveAttribute('aria-pressed', 'true');

  // Seen once: reopening the project does not show it again by itself, the button does.
  await page.reload();
  await network.open();
  await page.getByTestId('downloaded-task-row').getByTestId('task-open').click();
  await expect(page.getByTestId('labeling-view')).toBeVisible();
  await expect(page.getByTestId('tool-select')).toBeVisible();
  await expect(modal).toHaveCount(0);
  await page.getByTestId('show-instructions').click();
  await expect(modal).toBeVisible();
  await expect(modal.getByTestId('task-example')).toHaveCount(1);
  await modal.getByTestId('task-instructions-start').click();
  await expect(modal).toHaveCount(0);
});
