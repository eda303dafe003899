import { describe, expect, it } from 'vitest';
import { formatUnits, parseUnits } from './errorText';

describe('token amounts', () => {
  it('reads whole and fractional tokens into base units and back', () => {
    expect(parseUnits('100', 18)).toBe('100000000000000000000');
    expect(parseUnits('0.5', 18)).toBe('500000000000000000');
    expect(parseUnits('.25', 2)).toBe('25');
    expect(formatUnits(parseUnits('12.5', 18)!, 18)).toBe('12.5');
    expect(parseUnits('7', null)).toBe('7');
  });

  it('refuses text that is no amount', () => {
    for (const bad of ['', '.', '-1', '1e3', 'abc', '1.2.3']) expect(parseUnits(bad, 18)).toBeNull();
    expect(parseUnits('0.001', 2)).toBeNull();
  });
});
