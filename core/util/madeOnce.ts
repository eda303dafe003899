/**
 * `make(arg)` once per key (`keyOf(arg)`): callers asking meanwhile or later
 * share its promise. A promise that rejects is forgotten, so the next caller
 * tries again instead of getting the same failure forever. Made for test
 * fixtures that many test files in one worker process share (vitest runs
 * without isolation): one failed ffmpeg run must fail its own file, not
 * every later file that needs the same video.
 */
export function madeOnce<A extends string | number, V>(make: (arg: A) => Promise<V>): (arg: A) => Promise<V>;
/** An object argument needs its key: String() would give every one the same "[object Object]". */
export function madeOnce<A, V>(make: (arg: A) => Promise<V>, keyOf: (arg: A) => string): (arg: A) => Promise<V>;
export function madeOnce<A, V>(make: (arg: A) => Promise<V>, keyOf: (arg: A) => string = String): (arg: A) => Promise<V> {
  const made = new Map<string, Promise<V>>();
  return (arg) => {
    const key = keyOf(arg);
    const known = made.get(key);
    if (known) return known;
    const value = make(arg);
    made.set(key, value);
    // A branch of its own: callers still see the rejection, and this one is handled.
    value.catch(() => {
      if (made.get(key) === value) made.delete(key);
    });
    return value;
  };
}
