import { describe, expect, it } from 'vitest';
import { defaultProviders, providerChain } from './providers';

describe('execution provider order', () => {
  it('defaults by platform, CPU last', () => {
    expect(defaultProviders('linux')).toEqual(['cuda', 'tensorrt', 'cpu']);
    expect(defaultProviders('win32')).toEqual(['cuda', 'tensorrt', 'dml', 'cpu']);
    expect(defaultProviders('darwin')).toEqual(['coreml', 'cpu']);
    expect(defaultProviders('freebsd')).toEqual(['cpu']);
  });

  it('keeps a configured order, drops repeats and always ends with exactly one cpu', () => {
    expect(providerChain(['CPU', 'dml', 'cuda', 'dml'])).toEqual(['dml', 'cuda', 'cpu']);
    expect(providerChain(['coreml'])).toEqual(['coreml', 'cpu']);
    expect(providerChain([])).toEqual(defaultProviders());
  });
});
