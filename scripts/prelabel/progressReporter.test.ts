import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progressReporter';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 200, write: (text: string) => writes.push(text) };
}

describe('CLI progress on stderr', () => {
  it('redraws one bar with count, failures and ETA on a terminal', () => {
    let now = 0;
    const out = stream(true);
    const progress = createProgressReporter(out, 4, () => now);
    progress.update(0, 0);
    now = 1000;
    progress.update(1, 0);
    now = 1050; // too soon after the last redraw
    progress.update(2, 1);
    now = 2000;
    progress.update(2, 1);
    progress.finish(4, 1);
    expect(out.writes).toEqual([
      '\r\x1b[K[------------------------] 0/4',
      '\r\x1b[K[######------------------] 1/4 · ~3 s left',
      '\r\x1b[K[############------------] 2/4 · 1 failed · ~2 s left',
      '\r\x1b[K[########################] 4/4 · 1 failed · 2.0 s\n',
    ]);
  });

  it('writes plain lines, a few seconds apart, when stderr is not a terminal', () => {
    let now = 0;
    const out = stream(false);
    const progress = createProgressReporter(out, 10, () => now);
    for (let done = 0; done < 10; done++) {
      progress.update(done, 0);
      now += 1000;
    }
    progress.finish(10, 0);
    expect(out.writes).toEqual(['prelabel: 0/10\n', 'prelabel: 5/10 · ~5 s left\n', 'prelabel: 10/10 in 10.0 s\n']);
    expect(out.writes.join('')).not.toContain('\r');
  });
});
