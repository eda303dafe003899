/**
 * Reads `metadata=print` output from ffmpeg's stderr: per frame a
 * `frame:N pts:P pts_time:T` line, then `lavfi.scene_score=S` (absent when
 * the filter has no previous frame to compare with).
 */
export class SceneScoreReader {
  private pending = '';
  private currentTime: number | null = null;

  /** Feed stderr text; calls onFrame(timeSeconds) per frame and onScore(timeSeconds, score) per score. */
  push(text: string, onFrame: (time: number) => void, onScore: (time: number, score: number) => void): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('Parsed_metadata')) continue;
      const frame = /\] frame:\s*\d+\s+pts:\s*-?\d+\s+pts_time:(\S+)/.exec(line);
      if (frame) {
        this.currentTime = Number(frame[1]);
        onFrame(this.currentTime);
        continue;
      }
      const score = /lavfi\.scene_score=([\d.eE+-]+)/.exec(line);
      if (score && this.currentTime !== null) onScore(this.currentTime, Number(score[1]));
    }
  }
}
