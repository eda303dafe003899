import { createEta } from '../../electron/services/jobs/etaMessage';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  update(done: number, failed: number): void;
  /** Ends the bar's line; the summary follows on its own line. */
  finish(done: number, failed: number): void;
}

const BAR_WIDTH = 24;
/** A redrawn bar costs a terminal write; ten a second looks live. */
const TTY_INTERVAL_MS = 100;
/** Without a terminal (CI logs, files) a line per update would flood the log. */
const PLAIN_INTERVAL_MS = 5000;

/**
 * Progress on stderr with the app's own count-and-ETA text ("12/50 · 1
 * failed · ~8 s left"): on a terminal one bar redrawn in place, otherwise a
 * plain line every few seconds, so piping the output to a log stays readable.
 */
export function createProgressReporter(stream: ProgressStream, total: number, now: () => number = Date.now): ProgressReporter {
  const eta = createEta(total, 0, now);
  const tty = stream.isTTY === true;
  const interval = tty ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS;
  let last = -Infinity;
  const startedAt = now();

  function bar(done: number): string {
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  }

  function draw(done: number, failed: number): void {
    const text = `${bar(done)} ${eta(done, failed)}`;
    if (tty) stream.write(`\r\x1b[K${stream.columns ? text.slice(0, stream.columns - 1) : text}`);
    else stream.write(`prelabel: ${eta(done, failed)}\n`);
  }

  return {
    update(done, failed) {
      const at = now();
      if (at - last < interval) return;
      last = at;
      draw(done, failed);
    },
    finish(done, failed) {
      const seconds = ((now() - startedAt) / 1000).toFixed(1);
      if (tty) stream.write(`\r\x1b[K${bar(done)} ${done}/${total}${failed ? ` · ${failed} failed` : ''} · ${seconds} s\n`);
      else stream.write(`prelabel: ${done}/${total}${failed ? ` · ${failed} failed` : ''} in ${seconds} s\n`);
    },
  };
}
