import type { Interface } from 'ethers';
import { expect } from 'vitest';

interface CallError {
  revert?: { name: string; args: unknown[] } | null;
  data?: string;
  shortMessage?: string;
}

/**
 * Asserts that `call` reverts with the custom error `name`, and optionally its
 * arguments. A send fails in gas estimation, where ethers does not decode custom
 * errors, so the revert data is decoded here with the contract's interface.
 */
export async function expectRevert(abi: Interface, call: Promise<unknown>, name: string, args?: unknown[]): Promise<void> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as CallError | null;
  expect(error, `expected a revert with ${name}, but the call succeeded`).not.toBeNull();
  const decoded = error?.revert ?? (error?.data ? abi.parseError(error.data) : null);
  expect(decoded?.name, `expected ${name}, got: ${error?.shortMessage ?? String(error)}`).toBe(name);
  if (args) expect([...(decoded?.args ?? [])]).toEqual(args);
}
