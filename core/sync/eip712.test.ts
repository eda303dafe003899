import { SigningKey, TypedDataEncoder, Wallet, getAddress, keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { addressFromPublicKey, checksumAddress, isAddress, sameAddress } from './address';
import { domainSeparator, groundworkDomain } from './eip712';
import { fromHex, toHex } from './hex';
import { LABEL_BATCH_TYPES, itemIdToBytes32, labelBatchDigest, taskIdToBytes32, type LabelBatch } from './labelBatch';
import { splitSignature } from './signature';
import { VERDICT_TYPES, verdictDigest, type Verdict } from './verdict';

// anvil's default account 0 (public test key)
const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const contract = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const domain = groundworkDomain({ chainId: 31337, verifyingContract: contract });

const batch: LabelBatch = {
  annotator: wallet.address,
  task: taskIdToBytes32('task-1'),
  root: keccak256(toUtf8Bytes('root')),
  itemCount: 1000,
  nonce: '115792089237316195423570985008687907853269984665640564039457584007913129639935',
  deadline: 1_900_000_000,
};

describe('EIP-712 digests', () => {
  it('LabelBatch digest equals ethers TypedDataEncoder.hash', () => {
    expect(labelBatchDigest(domain, batch)).toBe(TypedDataEncoder.hash(domain, LABEL_BATCH_TYPES, batch));
    expect(domainSeparator(domain)).toBe(TypedDataEncoder.hashDomain(domain));
  });

  it('Verdict digest equals ethers TypedDataEncoder.hash', () => {
    const verdict: Verdict = {
      reviewer: wallet.address,
      task: taskIdToBytes32('task-1'),
      item: itemIdToBytes32('item-7'),
      labelsHash: keccak256(toUtf8Bytes('labels')),
      nonce: '3',
      deadline: 0,
    };
    expect(verdictDigest(domain, verdict)).toBe(TypedDataEncoder.hash(domain, VERDICT_TYPES, verdict));
  });

  it('changes with every field, the chain and the contract', () => {
    const base = labelBatchDigest(domain, batch);
    const variants: LabelBatch[] = [
      { ...batch, itemCount: 999 },
      { ...batch, nonce: '0' },
      { ...batch, deadline: batch.deadline + 1 },
      { ...batch, task: taskIdToBytes32('task-2') },
      { ...batch, annotator: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' },
    ];
    for (const v of variants) expect(labelBatchDigest(domain, v)).not.toBe(base);
    expect(labelBatchDigest(groundworkDomain({ chainId: 1, verifyingContract: contract }), batch)).not.toBe(base);
    expect(labelBatchDigest(groundworkDomain({ chainId: 31337, verifyingContract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' }), batch)).not.toBe(base);
  });

  it('refuses values that do not fit their types, naming the field', () => {
    expect(() => labelBatchDigest(domain, { ...batch, itemCount: 2 ** 32 })).toThrow('LabelBatch.itemCount is out of range for uint32');
    expect(() => labelBatchDigest(domain, { ...batch, nonce: '-1' })).toThrow('LabelBatch.nonce must be an unsigned integer');
    expect(() => labelBatchDigest(domain, { ...batch, root: '0x12' })).toThrow('LabelBatch.root must be 32 bytes');
    expect(() => labelBatchDigest(domain, { ...batch, annotator: 'alice' })).toThrow('LabelBatch.annotator is not an address');
    expect(() => groundworkDomain({ chainId: 1, verifyingContract: '0x1234' })).toThrow('verifyingContract');
  });

  it('task and item ids map to keccak256 of their UTF-8', () => {
    expect(taskIdToBytes32('task-ü')).toBe(keccak256(toUtf8Bytes('task-ü')));
    expect(itemIdToBytes32('item-1')).toBe(keccak256(toUtf8Bytes('item-1')));
    expect(() => taskIdToBytes32('')).toThrow('taskId');
  });
});

describe('signatures over the digest', () => {
  it('a wallet signature splits into a compact form that recovers the annotator', async () => {
    const signature = await wallet.signTypedData(domain, LABEL_BATCH_TYPES, batch);
    const digest = labelBatchDigest(domain, batch);
    const { compact, recovery } = splitSignature(signature);
    expect(compact).toHaveLength(64);
    const publicKey = SigningKey.recoverPublicKey(digest, { r: toHex(compact.subarray(0, 32)), s: toHex(compact.subarray(32)), v: 27 + recovery });
    expect(addressFromPublicKey(fromHex(publicKey))).toBe(wallet.address);
  });

  it('refuses the high-s twin of a valid signature and a bad v', async () => {
    const signature = await wallet.signTypedData(domain, LABEL_BATCH_TYPES, batch);
    const bytes = fromHex(signature);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(toHex(bytes.subarray(32, 64)));
    const twin = new Uint8Array(bytes);
    twin.set(fromHex(`0x${(n - s).toString(16).padStart(64, '0')}`), 32);
    twin[64] = bytes[64] === 27 ? 28 : 27;
    expect(() => splitSignature(toHex(twin))).toThrow('high s');
    const badV = new Uint8Array(bytes);
    badV[64] = 29;
    expect(() => splitSignature(toHex(badV))).toThrow('invalid v');
    expect(() => splitSignature('0x1234')).toThrow('signature must be 65 bytes');
  });
});

describe('addresses', () => {
  it('checksums like ethers and refuses a mistyped checksum', () => {
    const lower = wallet.address.toLowerCase();
    expect(checksumAddress(lower)).toBe(getAddress(lower));
    expect(isAddress(lower)).toBe(true);
    expect(isAddress(wallet.address)).toBe(true);
    const flipped = wallet.address.replace(/[a-f]/, (c) => c.toUpperCase());
    expect(isAddress(flipped)).toBe(false);
    expect(sameAddress(lower, wallet.address)).toBe(true);
  });
});
