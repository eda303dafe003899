import { describe, expect, it } from 'vitest';
import { FALLBACK_SETTINGS, readSettings, settingsForModel } from './prelabelSettings';

describe('pre-label settings', () => {
  it('reads saved settings and falls back field by field', () => {
    expect(readSettings(undefined)).toEqual(FALLBACK_SETTINGS);
    expect(readSettings({ modelId: 'm', confidence: 0.6, iou: 7, acceptThreshold: 'x' })).toEqual({ ...FALLBACK_SETTINGS, modelId: 'm', confidence: 0.6 });
  });

  it('keeps the auto-accept policy the user saved and starts with auto-accept off', () => {
    expect(FALLBACK_SETTINGS.autoAccept.enabled).toBe(false);
    const saved = { ...FALLBACK_SETTINGS.autoAccept, enabled: true, targetPrecision: 0.97 };
    expect(readSettings({ autoAccept: saved }).autoAccept).toEqual(saved);
  });

  it('takes a new model’s default thresholds and keeps the accept threshold', () => {
    const model = { id: 'yolo', name: 'YOLO', task: 'detect', classes: ['car'], defaults: { confidence: 0.25, iou: 0.7 }, available: true, problems: [], manifestPath: '/m.json', runsAlone: true, needsConfirmation: false };
    expect(settingsForModel({ ...FALLBACK_SETTINGS, acceptThreshold: 0.9 }, model)).toEqual({ ...FALLBACK_SETTINGS, modelId: 'yolo', confidence: 0.25, iou: 0.7, acceptThreshold: 0.9 });
  });
});
