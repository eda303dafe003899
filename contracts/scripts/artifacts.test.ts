import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactJson, artifactsDir, compileContracts } from './compile';

describe('committed contract artifacts', () => {
  // If this fails, the sources, OpenZeppelin, solc or the settings changed
  // without `npm run contracts:build`: rebuild and commit the artifacts.
  // solc-js with viaIR takes 2–12 s on a loaded 2-core box.
  it('match a fresh compile of contracts/src byte for byte', { timeout: 120_000 }, () => {
    const fresh = compileContracts();
    expect(fresh.map((a) => a.contractName)).toEqual(['RewardsDistributor', 'StakeRegistry', 'TestToken', 'FeeOnTransferToken', 'RevertingToken', 'ReentrantToken']);
    for (const artifact of fresh) {
      const committed = readFileSync(path.join(artifactsDir, `${artifact.contractName}.json`), 'utf8');
      expect(committed, `${artifact.contractName}.json is stale; run npm run contracts:build`).toBe(artifactJson(artifact));
    }
  });

  // Reads the committed ABI: `kind` 'function' or 'event', the inputs' types joined by commas.
  function signatureIn(contract: string, kind: string, name: string) {
    const abi = JSON.parse(readFileSync(path.join(artifactsDir, `${contract}.json`), 'utf8')).abi as { type: string; name: string; inputs: { type: string }[] }[];
    return abi.find((e) => e.type === kind && e.name === name)?.inputs.map((i) => i.type).join(',');
  }

  it('expose the pool, claim and postRoot functions the hub and workstation call', () => {
    const fn = (name: string) => signatureIn('RewardsDistributor', 'function', name);
    expect(fn('claim')).toBe('bytes32,address,uint256,bytes32,bytes32[]');
    expect(fn('postRoot')).toBe('uint64,bytes32,bytes32[],uint256[]');
    expect([fn('deposit'), fn('requestClose'), fn('refund'), fn('poolOf'), fn('claimed')]).toEqual(['bytes32,address,uint256', 'bytes32', 'bytes32', 'bytes32', 'bytes32,address']);
  });

  it('expose the stake calls and events the hub and workstation use', () => {
    const fn = (name: string) => signatureIn('StakeRegistry', 'function', name);
    expect([fn('stake'), fn('requestUnstake'), fn('withdraw'), fn('slash'), fn('stakeOf')]).toEqual(['uint256', 'uint256', '', 'address,uint256,bytes32', 'address']);
    expect(signatureIn('StakeRegistry', 'event', 'Slashed')).toBe('address,uint256,bytes32,uint256,uint256');
  });
});
