import { beforeAll, describe, expect, it } from 'vitest';
import { itemLabelHash, type CanonicalShape } from '../../core/sync/canonicalLabels';
import { canonicalItemLabels } from '../../core/sync/canonicalLabels';
import { fromHex } from '../../core/sync/hex';
import { batchMerkleRoot, buildBatchTree } from '../../core/sync/merkle';
import { bytesHex, fastKeccak, fastKeccakReady } from './fastKeccak';

function randomShapes(seed: number): CanonicalShape[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: Math.floor(rnd() * 6) }, () => ({
    className: ['car', 'person', 'vélo', '猫', 'a"b'][Math.floor(rnd() * 5)]!,
    box: { x: rnd() * 1000 - 50, y: rnd() * 800, w: rnd() * 300, h: rnd() * 200 },
    ...(rnd() < 0.3 ? { attributes: { occluded: rnd() < 0.5, '10': 'ten', n: Math.round(rnd() * 100) / 7 } } : {}),
  }));
}

describe('fast keccak (hash-wasm) on the ingest path', () => {
  beforeAll(fastKeccakReady);

  it("hashes every item's canonical labels exactly as core's itemLabelHash (UTF-8 included)", () => {
    for (let i = 0; i < 500; i++) {
      const itemId = `item-${i}-ü`;
      const shapes = randomShapes(i + 1);
      expect(bytesHex(fastKeccak(canonicalItemLabels(itemId, shapes)))).toBe(itemLabelHash(itemId, shapes));
    }
  });

  it('returns a fresh digest per call (not a view that the next hash overwrites)', () => {
    const a = fastKeccak('a');
    const aHex = bytesHex(a);
    fastKeccak('b');
    expect(bytesHex(a)).toBe(aHex);
  });

  it("gives core's batch tree the same root as core's own keccak for trees of 1 to 70 leaves and for 1,000", () => {
    for (const n of [...Array.from({ length: 70 }, (_, i) => i + 1), 1000]) {
      const hashes = Array.from({ length: n }, (_, i) => itemLabelHash(`i${i}`, randomShapes(n * 1000 + i)));
      expect(bytesHex(buildBatchTree(hashes.map((h) => fromHex(h, 32)), fastKeccak).root)).toBe(batchMerkleRoot(hashes));
    }
    expect(() => buildBatchTree([], fastKeccak)).toThrow(/at least one leaf/);
  });
});
