/**
 * An item's file name: the requester's own name for the image, sent with the
 * task (POST /tasks `items[].fileName`) and given back with each assignment.
 * The hub checks what it stores; the workstation shows what it receives as
 * text only (it names files by sha256 and never uses a name as a path), and
 * cleans it again, since any hub can send anything.
 */

/** At most this many characters (what file systems allow for one name). */
export const MAX_ITEM_NAME = 255;

/**
 * Characters no file name needs and a display must not get: C0 and C1
 * controls, zero-width characters, line and paragraph separators, and the
 * bidi embeddings, overrides and isolates that can make `gpj.exe` read as
 * `exe.jpg`.
 */
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Why the hub refuses `name` as a file name, or null. It is the requester's
 * relative path in its project ('/' between folders is kept, exports use it),
 * but never a backslash, an absolute path, an empty, '.' or '..' segment, or
 * an unshowable character.
 */
export function itemNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_ITEM_NAME) return `a file name has 1 to ${MAX_ITEM_NAME} characters`;
  if (new RegExp(UNSHOWABLE.source).test(name)) return 'a file name has no control, zero-width or bidi characters';
  if (name.includes('\\')) return 'a file name has no backslash (folders are separated by /)';
  if (name.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'a file name is a relative path without empty, "." or ".." parts';
  return null;
}

/**
 * Text a hub sent as a file name, made safe to show: runs of white space
 * (line breaks and tabs too) made one space, other unshowable characters
 * dropped, at most MAX_ITEM_NAME
 * characters (the middle elided, so the extension stays); '' when nothing
 * is left.
 */
export function displayItemName(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const text = [...raw.replace(/\s+/g, ' ').replace(UNSHOWABLE, '').trim()];
  if (text.length <= MAX_ITEM_NAME) return text.join('');
  const keep = MAX_ITEM_NAME - 1;
  return `${text.slice(0, Math.ceil(keep / 2)).join('')}…${text.slice(text.length - Math.floor(keep / 2)).join('')}`;
}
