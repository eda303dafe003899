import { describe, expect, it } from 'vitest';
import { makeJpeg, makePng, makeWebp } from '../testSupport/fixtureImages';
import { decodeImage } from './decodeImage';
import { isVisiblyTruncated, sniffImageFormat } from './imageSignature';

describe('image signatures and decode failures', () => {
  it('recognises complete and cut-off JPEG, PNG and WebP files', async () => {
    for (const [format, bytes] of [
      ['jpeg', await makeJpeg(120, 90)],
      ['png', await makePng(120, 90)],
      ['webp', await makeWebp(120, 90)],
    ] as const) {
      expect(sniffImageFormat(bytes)).toBe(format);
      expect(isVisiblyTruncated(bytes, format), format).toBe(false);
      expect(isVisiblyTruncated(bytes.subarray(0, Math.floor(bytes.length * 0.6)), format), format).toBe(true);
    }
    expect(sniffImageFormat(new TextEncoder().encode('GIF89a or text'))).toBeNull();
  });

  it('gives each cut-off format a "truncated" reason, whatever the decoder said', async () => {
    for (const bytes of [await makeJpeg(160, 120), await makePng(160, 120), await makeWebp(160, 120)]) {
      const outcome = await decodeImage(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? '' : outcome.reason).toMatch(/^truncated: the (JPEG|PNG|WEBP) data ends before the image is complete/);
    }
  });
});
