import { ServiceError } from '../../common/contract/errors';

/**
 * One JSON-RPC call over plain fetch, with a deadline. The trust checks use
 * it instead of an ethers provider, which retries an unreachable endpoint
 * forever instead of failing.
 */
export async function rpcCall<T>(rpcUrl: string, method: string, params: unknown[] = [], timeoutMs = 15_000): Promise<T> {
  let body: { result?: T; error?: { message?: string } };
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new ServiceError(`cannot reach the chain RPC ${rpcUrl} (${method}): ${(error as Error).message}`, { code: 'rpc-unreachable', rpcUrl });
  }
  if (body.error || body.result === undefined) {
    throw new ServiceError(`the chain RPC ${rpcUrl} refused ${method}: ${body.error?.message ?? 'no result'}`, { code: 'rpc-unreachable', rpcUrl });
  }
  return body.result;
}
