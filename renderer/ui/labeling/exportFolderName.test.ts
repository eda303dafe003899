import { describe, expect, it } from 'vitest';
import { exportFolderName } from './exportFolderName';

describe('exportFolderName', () => {
  it('fits the host rule [\\w.-]+ and says what and when', () => {
    const name = exportFolderName('Street survey / day 2', 'coco', new Date('2025-03-04T05:06:07.890Z'));
    expect(name).toBe('Street-survey-day-2-coco-2025-03-04T05-06-07');
    expect(name).toMatch(/^[\w.-]+$/);
    expect(exportFolderName('///', 'yolo', new Date(0))).toMatch(/^project-yolo-/);
  });
});
