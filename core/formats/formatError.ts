/**
 * An import problem that names the file and where in it (line for text/XML,
 * JSON path or object index for JSON), so the user can fix the file.
 */
export class FormatError extends Error {
  constructor(
    readonly file: string,
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${file}${location ? ` (${location})` : ''}: ${reason}`);
    this.name = 'FormatError';
  }
}
