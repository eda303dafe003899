import { open, truncate } from 'node:fs/promises';
import { z } from 'zod';
import { ItemPredictionsSchema } from '../../common/services/inferenceService';

/** One line of results.jsonl: which item of the job's params (by position) and its outcome. */
export const ResultLineSchema = z.object({ item: z.number().int().nonnegative(), result: ItemPredictionsSchema });
export type ResultLine = z.infer<typeof ResultLineSchema>;

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 20;

/**
 * An append-only JSONL file of per-item results. Only lines that end in a
 * newline count: a line the host was writing when it died (torn) is ignored
 * by readers and cut off before the next append, so that item simply runs
 * again. Line start offsets are indexed once and extended as the file grows,
 * so paging through a long log does not re-read it from the start.
 */
export function createResultsLog(file: string) {
  const offsets: number[] = [];
  /** Byte just after the last complete line seen. */
  let end = 0;

  // Scans are serialised: two overlapping scans would index the same lines twice.
  let scanning: Promise<void> = Promise.resolve();
  function refresh(): Promise<void> {
    const next = scanning.then(scanNewLines);
    scanning = next.catch(() => undefined);
    return next;
  }

  async function scanNewLines(): Promise<void> {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      let position = end;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
        if (bytesRead === 0) break;
        for (let i = 0; i < bytesRead; i++) {
          if (buffer[i] !== NEWLINE) continue;
          offsets.push(end);
          end = position + i + 1;
        }
        position += bytesRead;
      }
    } finally {
      await handle.close();
    }
  }

  async function readLines(from: number, count: number): Promise<ResultLine[]> {
    if (count <= 0) return [];
    const start = offsets[from]!;
    const stop = offsets[from + count] ?? end;
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(stop - start);
      await handle.read(buffer, 0, buffer.length, start);
      return buffer
        .toString('utf8')
        .split('\n')
        .slice(0, count)
        .map((text, i) => parseLine(text, from + i));
    } finally {
      await handle.close();
    }
  }

  function parseLine(text: string, index: number): ResultLine {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${file} line ${index + 1} is not valid JSON`);
    }
    const parsed = ResultLineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file} line ${index + 1} is not a result: ${parsed.error.issues[0]?.message ?? 'unknown error'}`);
    return parsed.data;
  }

  return {
    /** Complete lines from `from` on, at most `limit`. */
    async read(from: number, limit: number): Promise<ResultLine[]> {
      await refresh();
      if (from >= offsets.length) return [];
      return readLines(from, Math.min(limit, offsets.length - from));
    },
    async readAll(): Promise<ResultLine[]> {
      await refresh();
      return readLines(0, offsets.length);
    },
    /** Opens for appending after cutting off a torn last line. Only one appender per file at a time. */
    async openAppender() {
      await refresh();
      await truncate(file, end).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      const handle = await open(file, 'a');
      return {
        /** Writes the line with one write call (looping only on a short write); resolves with its index. */
        async append(line: ResultLine): Promise<number> {
          const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
          let written = 0;
          while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
          await refresh();
          return offsets.length - 1;
        },
        close: () => handle.close(),
      };
    },
  };
}

export type ResultsLog = ReturnType<typeof createResultsLog>;
export type ResultsAppender = Awaited<ReturnType<ResultsLog['openAppender']>>;
