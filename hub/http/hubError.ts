/**
 * A refusal the client can act on: HTTP status, a stable machine code
 * (`bad_signature`, `nonce_used`, …) and a message naming what is wrong.
 * Answered as `{ error: code, message }`.
 */
export class HubError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export const badRequest = (code: string, message: string) => new HubError(400, code, message);
export const unauthorized = (message: string) => new HubError(401, 'unauthorized', message);
export const forbidden = (code: string, message: string) => new HubError(403, code, message);
export const notFound = (code: string, message: string) => new HubError(404, code, message);
export const conflict = (code: string, message: string) => new HubError(409, code, message);
