import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../common/contract/base64';
import { decodeWire, encodeWire } from '../common/contract/wireCodec';

// Node-only half of the wire codec tests: Buffers are what fs hands the services.
describe('wire codec with Node Buffers', () => {
  it('encodes a Buffer as bytes, not as {type:"Buffer"}, and matches Node base64', () => {
    const all = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => i & 255);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString('base64'));
    expect(JSON.parse(encodeWire({ b: Buffer.from('hi') }))).toEqual({ b: { $bytes: 'aGk=' } });
    expect(decodeWire(encodeWire(Buffer.from('top-level')))).toEqual(new Uint8Array(Buffer.from('top-level')));
  });
});
