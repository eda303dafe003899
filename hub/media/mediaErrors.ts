/** The two refusals of an upload, the same from every store (media/mediaRoutes.ts turns them into 400 and 413). */
export class MediaHashMismatch extends Error {
  constructor(readonly actual: string) {
    super(`uploaded bytes hash to ${actual}`);
  }
}

export class MediaTooLarge extends Error {}
