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
    expect(fresh.map((a) => a.contractName)).toEqual(['RewardsDistributor', 'TestToken']);
    for (const artifact of fresh) {
      const committed = readFileSync(path.join(artifactsDir, `${artifact.contractName}.json`), 'utf8');
      expect(committed, `${artifact.contractName}.json is stale; run npm run contracts:build`).toBe(artifactJson(artifact));
    }
  });

  it('expose the claim and postRoot functions the hub and workstation call', () => {
    const abi = JSON.parse(readFileSync(path.join(artifactsDir, 'RewardsDistributor.json'), 'utf8')).abi as { type: string; name: string; inputs: { type: string }[] }[];
    const sig = (name: string) => abi.find((e) => e.type === 'function' && e.name === name)?.inputs.map((i) => i.type).join(',');
    expect(sig('claim')).toBe('address,uint256,bytes32,bytes32[]');
    expect(sig('postRoot')).toBe('uint64,bytes32');
  });
});
