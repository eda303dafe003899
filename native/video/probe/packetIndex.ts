/**
 * The frame index from ffprobe's packet list (`-show_entries packet=pts,dts,flags -of csv=p=0`):
 * no decode, exact count. Packets arrive in decode order; sorted by pts they
 * are the frames in presentation order (B-frames), with real times (VFR).
 */
export interface PacketIndex {
  /** Presentation timestamps in time-base ticks, ascending; index = frame number. */
  pts: number[];
  /** Frame numbers of keyframes, ascending. */
  keyframes: number[];
}

export function parsePacketCsv(csv: string): PacketIndex {
  const packets: { pts: number; key: boolean }[] = [];
  for (const line of csv.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const [ptsText, dtsText, flags = ''] = trimmed.split(',');
    // Some containers (raw streams, old AVI) leave pts as N/A; dts is then the best we have.
    const pts = Number(ptsText !== 'N/A' && ptsText !== '' ? ptsText : dtsText);
    if (!Number.isFinite(pts)) continue;
    packets.push({ pts, key: flags.includes('K') });
  }
  packets.sort((a, b) => a.pts - b.pts);
  const keyframes: number[] = [];
  packets.forEach((p, i) => p.key && keyframes.push(i));
  return { pts: packets.map((p) => p.pts), keyframes };
}

/**
 * Variable frame rate = more than one distinct step between frames. One tick
 * of jitter is tolerated (mkv's 1 ms time base rounds 33.33 ms to 33 or 34).
 * The container's r/avg frame rate fields cannot tell (mp4 VFR reports r = 30/1).
 */
export function isVariableFrameRate(pts: number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 1; i < pts.length; i++) {
    const step = pts[i]! - pts[i - 1]!;
    if (step < min) min = step;
    if (step > max) max = step;
  }
  return pts.length > 2 && max - min > 1;
}
