/**
 * Calls `fire` at most once per `intervalMs`; a call inside the interval is
 * deferred to its end (trailing), and `flush` fires at once and cancels any
 * deferred call. Used so progress events stay at a few per second per job
 * while the final state is never lost.
 */
export function createThrottle(fire: () => void, intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fireNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    last = now();
    fire();
  };
  return {
    request() {
      const wait = last + intervalMs - now();
      if (wait <= 0) fireNow();
      else if (!timer) timer = setTimeout(fireNow, wait);
    },
    flush: fireNow,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
