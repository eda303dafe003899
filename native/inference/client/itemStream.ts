/**
 * A push-to-pull queue: the worker pushes batch items as they finish, the
 * caller pulls them with `for await`. Leaving the loop early calls onStop,
 * which cancels the batch in the worker.
 */
export class ItemStream<T> implements AsyncIterable<T> {
  private readonly buffered: T[] = [];
  private waiting?: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void };
  private ended = false;
  private failure?: unknown;

  constructor(private readonly onStop: () => void) {}

  push(item: T): void {
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
    } else {
      this.buffered.push(item);
    }
  }

  end(failure?: unknown): void {
    this.ended = true;
    this.failure = failure;
    if (!this.waiting) return;
    const { resolve, reject } = this.waiting;
    this.waiting = undefined;
    if (failure) reject(failure);
    else resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.buffered.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.ended) return this.failure ? Promise.reject(this.failure) : Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
      },
      return: () => {
        if (!this.ended) this.onStop();
        this.buffered.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
