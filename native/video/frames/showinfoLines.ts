/**
 * Reads the frame timestamps ffmpeg's showinfo filter writes to stderr, in
 * output order: the k-th timestamp belongs to the k-th encoded image, which
 * is how a window knows which frame each JPEG is even if the decoder drops
 * a damaged one.
 */
export class ShowinfoReader {
  private pending = '';
  private timeBase: number | null = null;

  /** Feed stderr text; returns the presentation times (seconds, absolute) of the frames it completed. */
  push(text: string): number[] {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    const times: number[] = [];
    for (const line of lines) {
      if (!line.includes('Parsed_showinfo')) continue;
      const config = /config in time_base: (\d+)\/(\d+)/.exec(line);
      if (config) {
        this.timeBase = Number(config[1]) / Number(config[2]);
        continue;
      }
      const frame = /\] n:\s*\d+ pts:\s*(-?\d+)\s+pts_time:(\S+)/.exec(line);
      if (!frame) continue;
      times.push(this.timeBase ? Number(frame[1]) * this.timeBase : Number(frame[2]));
    }
    return times;
  }
}

/** The decoder complaints worth showing when a frame does not come out. */
export function isDecodeErrorLine(line: string): boolean {
  return /error|invalid|corrupt|missing|partial/i.test(line) && !line.includes('Parsed_showinfo');
}
