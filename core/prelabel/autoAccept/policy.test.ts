import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_ACCEPT, readAutoAcceptPolicy } from './policy';

describe('readAutoAcceptPolicy', () => {
  it('reads nothing as the default (off)', () => {
    expect(readAutoAcceptPolicy(undefined)).toEqual(DEFAULT_AUTO_ACCEPT);
    expect(readAutoAcceptPolicy('yes')).toEqual(DEFAULT_AUTO_ACCEPT);
    expect(DEFAULT_AUTO_ACCEPT.enabled).toBe(false);
  });

  it('keeps valid fields and replaces each out-of-range one by its default', () => {
    const saved = { enabled: true, targetPrecision: 0.97, confidence: 0.95, auditRate: 1, minReviewed: 50 };
    expect(readAutoAcceptPolicy(saved)).toEqual(saved);
    expect(readAutoAcceptPolicy({ enabled: 'true', targetPrecision: 1, confidence: 0, auditRate: 0, minReviewed: 2.5 })).toEqual(DEFAULT_AUTO_ACCEPT);
    expect(readAutoAcceptPolicy({ targetPrecision: Number.NaN, auditRate: 1.5, minReviewed: 0 })).toEqual(DEFAULT_AUTO_ACCEPT);
  });
});
