const EOI = Buffer.from([0xff, 0xd9]);

/**
 * Splits ffmpeg's image2pipe mjpeg stream into whole JPEGs. The end marker
 * (FF D9) is only searched after the start-of-scan header, where the format
 * guarantees FF is never followed by D9 inside data. One growing buffer
 * instead of concatenating per chunk (which would be quadratic per frame).
 */
export class JpegSplitter {
  private buf = Buffer.alloc(256 * 1024);
  private len = 0;
  private scanFrom = -1;

  push(chunk: Buffer): Buffer[] {
    this.append(chunk);
    const frames: Buffer[] = [];
    for (;;) {
      if (this.scanFrom < 0) {
        const afterSos = findScanStart(this.buf, this.len);
        if (afterSos < 0) break;
        this.scanFrom = afterSos;
      }
      const eoi = this.buf.subarray(0, this.len).indexOf(EOI, this.scanFrom);
      if (eoi < 0) {
        this.scanFrom = Math.max(this.scanFrom, this.len - 1);
        break;
      }
      const end = eoi + 2;
      frames.push(Buffer.from(this.buf.subarray(0, end)));
      this.buf.copy(this.buf, 0, end, this.len);
      this.len -= end;
      this.scanFrom = -1;
    }
    return frames;
  }

  private append(chunk: Buffer): void {
    if (this.len + chunk.length > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.len + chunk.length));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    chunk.copy(this.buf, this.len);
    this.len += chunk.length;
  }
}

/** Offset just past the SOS header, walking the marker segments from SOI; -1 while incomplete. */
function findScanStart(buf: Buffer, len: number): number {
  if (len < 4) return -1;
  let i = 2; // after FF D8
  while (i + 4 <= len) {
    if (buf[i] !== 0xff) return -1;
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const segmentLength = buf.readUInt16BE(i + 2);
    if (marker === 0xda) return i + 2 + segmentLength <= len ? i + 2 + segmentLength : -1;
    i += 2 + segmentLength;
  }
  return -1;
}

/** Width and height from a JPEG's SOF header. */
export function jpegSize(jpeg: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  let i = 2;
  while (i + 9 < view.length) {
    const marker = view[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.readUInt16BE(i + 5), width: view.readUInt16BE(i + 7) };
    }
    i += 2 + view.readUInt16BE(i + 2);
  }
  return { width: 0, height: 0 };
}
