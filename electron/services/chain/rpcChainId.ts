import { ServiceError } from '../../common/contract/errors';
import { rpcCall } from './rpcCall';

/**
 * Refuses an RPC endpoint of another chain than the hub's: reads and
 * transactions there would use other contracts at the same addresses (or
 * none), and signatures made for the hub's chain id would mean nothing there.
 */
export async function assertRpcChain(rpcUrl: string, expectedChainId: number): Promise<void> {
  const actual = Number(BigInt(await rpcCall<string>(rpcUrl, 'eth_chainId')));
  if (actual !== expectedChainId) {
    throw new ServiceError(`refused: the RPC ${rpcUrl} serves chain ${actual}, but the hub's chain is ${expectedChainId}. Use an RPC URL of chain ${expectedChainId}.`, {
      code: 'wrong-chain',
      rpcUrl,
      rpcChainId: actual,
      hubChainId: expectedChainId,
    });
  }
}
