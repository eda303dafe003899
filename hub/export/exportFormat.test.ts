import { describe, expect, it } from 'vitest';
import { HubError } from '../http/hubError';
import { exportFormatFor } from './exportFormat';

describe('exportFormatFor', () => {
  it('maps COCO and CVAT to their video forms for a video task, and keeps the video formats', () => {
    expect(exportFormatFor('coco', 'video')).toBe('coco-video');
    expect(exportFormatFor('cvat', 'video')).toBe('cvat-video');
    for (const f of ['mot', 'cvat-video', 'coco-video'] as const) expect(exportFormatFor(f, 'video')).toBe(f);
  });

  it('keeps image formats for an image task', () => {
    for (const f of ['coco', 'yolo', 'voc', 'cvat', 'datumaro', 'labelstudio'] as const) expect(exportFormatFor(f, 'image')).toBe(f);
  });

  it('refuses an image-only format for a video task, and a video format for an image task, with a 400 naming what fits', () => {
    const refusal = (f: Parameters<typeof exportFormatFor>[0], kind: 'image' | 'video') => {
      try {
        exportFormatFor(f, kind);
      } catch (e) {
        return e as HubError;
      }
      throw new Error('not refused');
    };
    const yolo = refusal('yolo', 'video');
    expect([yolo.statusCode, yolo.code]).toEqual([400, 'format_not_for_task']);
    expect(yolo.message).toMatch(/yolo is an image format without tracks, frame tags or segments: export a video task as mot .*cvat or cvat-video .*coco or coco-video/);
    const mot = refusal('mot', 'image');
    expect([mot.statusCode, mot.code]).toEqual([400, 'format_not_for_task']);
    expect(mot.message).toMatch(/the task's items are images, and mot is a video format/);
  });
});
