import { base64ToBytes, bytesToBase64 } from './base64';

/**
 * JSON that carries Uint8Array (image bytes) across the WebSocket: a byte array
 * becomes {"$bytes": "<base64>"} and back. Only an object whose single key is
 * "$bytes" with a string value is decoded as bytes, so ordinary data cannot be
 * mistaken for it unless it has exactly that shape.
 */
export function encodeWire(value: unknown): string {
  // Look at the holder's original value: Node's Buffer (a Uint8Array) has a
  // toJSON that JSON.stringify applies before the replacer sees it.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { $bytes: bytesToBase64(original) } : v;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (isBytesEnvelope(v) ? base64ToBytes(v.$bytes) : v));
}

function isBytesEnvelope(v: unknown): v is { $bytes: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$bytes' && typeof (v as { $bytes: unknown }).$bytes === 'string';
}
