import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineageLine } from '../../core/verify/exportFiles';
import { buildExportScenario, downloadExport, unzipText, type ExportScenario } from '../../hub/export/exportTestKit';
import { runVerifyDataset } from './runVerifyDataset';

let s: ExportScenario;
beforeAll(async () => {
  s = await buildExportScenario();
}, 120_000);
afterAll(async () => s?.hub.close());

const lineageOf = (content: string) => content.trim().split('\n').map((l) => JSON.parse(l) as LineageLine);

describe('npm run verify-dataset', () => {
  it('runs over the zip: exit 0 and a summary; over an unpacked folder with one box moved: exit 1 naming the item', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gw-export-'));
    const zipPath = path.join(dir, 'task.zip');
    await writeFile(zipPath, (await downloadExport(s, 'format=yolo&disputed=include')).zip);
    let out = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (out += t) } };
    expect(await runVerifyDataset([zipPath], io)).toBe(0);
    expect(out).toMatch(/2 accepted, 1 resolved by a verdict, 1 disputed/);
    expect(out).toMatch(/^OK: every signature/m);

    const files = unzipText(await readFile(zipPath));
    const agreed = lineageOf(files.find((f) => f.path === 'lineage.jsonl')!.content).find((l) => l.itemId === s.items.agreed)!;
    const folder = path.join(dir, 'unpacked');
    for (const f of files) {
      const target = path.join(folder, f.path);
      await mkdir(path.dirname(target), { recursive: true });
      const isAgreed = f.path === `dataset/labels/${agreed.image.fileName.replace(/\.jpg$/, '')}.txt`;
      await writeFile(target, isAgreed ? f.content.replace(/^(\d) 0\.\d+/m, '$1 0.9') : f.content);
    }
    out = '';
    expect(await runVerifyDataset([folder], io)).toBe(1);
    expect(out).toMatch(/^FAILED: 1 problem/m);
    expect(out).toContain(`item ${s.items.agreed} [dataset]: dataset/ image "${agreed.image.fileName}"`);
    expect(await runVerifyDataset([], io)).toBe(2);

    // The same as a process, as a requester runs it.
    const proc = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verifyDataset/main.ts', folder, '--chain-id', String(s.hub.context.config.chainId)], { encoding: 'utf8' });
    expect(proc.status, proc.stderr).toBe(1);
    expect(proc.stdout).toContain(`item ${s.items.agreed} [dataset]`);
  }, 60_000);
});
