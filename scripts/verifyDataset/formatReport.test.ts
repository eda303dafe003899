import { describe, expect, it } from 'vitest';
import { verifyExport } from '../../core/verify/verifyExport';
import { buildVideoExport, recoverSigner } from '../../core/verify/videoExportTestKit';
import { formatReport } from './formatReport';

describe('formatReport', () => {
  it("counts a video export's tracks and frame boxes together as such, not as boxes", () => {
    const result = verifyExport(buildVideoExport('mot').files, { recoverSigner });
    expect(result.problems).toEqual([]);
    expect(result.datasetBoxes).toBeGreaterThan(0);
    const report = formatReport('task.zip', result, 0.5);
    expect(report).toContain(`, ${result.datasetBoxes} dataset tracks and frame boxes`);
    expect(report).not.toMatch(/dataset boxes/);
    expect(report).toMatch(/^OK: every signature/m);
  });

  it('still says "dataset boxes" for an image export', () => {
    const result = verifyExport(buildVideoExport('mot').files, { recoverSigner });
    const image = { ...result, manifest: { ...result.manifest!, format: 'yolo' as const } };
    expect(formatReport('task.zip', image, 0.5)).toContain(`, ${result.datasetBoxes} dataset boxes`);
  });
});
