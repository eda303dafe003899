import { Wallet } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { groundworkDomain } from '../../core/sync/eip712';
import { buildLabelBatch, LABEL_BATCH_TYPES } from '../../core/sync/labelBatch';
import { createBatchVerifier } from './batchVerifier';
import { recoverSigner } from './recoverSigner';

const domain = groundworkDomain({ chainId: 31337, verifyingContract: Wallet.createRandom().address });
const limits = { maxItemsPerBatch: 100, maxShapesPerItem: 10 };
const wallet = Wallet.createRandom();

async function body(tamper = false) {
  const { batch, items } = buildLabelBatch({ annotator: wallet.address, taskId: 'task_x', items: [{ itemId: 'a', shapes: [{ className: 'car', box: { x: 1, y: 2, w: 3, h: 4 } }] }], nonce: 1, deadline: 2e9 });
  const signature = await wallet.signTypedData(domain, LABEL_BATCH_TYPES, batch);
  if (tamper) items[0]!.shapes[0]!.box.x = 9;
  return JSON.stringify({ batch, signature, items });
}

describe('batch verifier', () => {
  const pool = createBatchVerifier({ domain, limits, workers: 1 });
  const inline = createBatchVerifier({ domain, limits, workers: 0 });
  afterAll(async () => {
    await pool.close();
    await inline.close();
  });

  it('gives the same answers on a worker thread as on the main thread', async () => {
    for (const raw of [await body(), await body(true), '{"nope":1}']) {
      expect(await pool.verify(raw)).toEqual(await inline.verify(raw));
    }
    const ok = await pool.verify(await body());
    expect(ok.ok && ok.signer).toBe(wallet.address);
    const bad = await pool.verify(await body(true));
    expect(!bad.ok && bad.code).toBe('root_mismatch');
  }, 60_000);

  it('refuses the high-s twin of a valid signature (which libsecp256k1 would recover to the same signer)', async () => {
    const digest = '0x' + 'ab'.repeat(32);
    const sig = wallet.signingKey.sign(digest);
    expect(recoverSigner(digest, sig.serialized)).toBe(wallet.address);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = (n - BigInt(sig.s)).toString(16).padStart(64, '0');
    const twin = sig.r + highS + (sig.v === 27 ? '1c' : '1b');
    expect(() => recoverSigner(digest, twin)).toThrow(/high s/);
  });
});
