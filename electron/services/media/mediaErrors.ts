import { ServiceError } from '../../common/contract/errors';

/** Why a media path was refused; the browser host maps it to an HTTP status. */
export type MediaErrorCode = 'not-found' | 'forbidden' | 'not-an-image' | 'not-a-video' | 'too-large' | 'invalid';

/** A refusal with a message for the user and a code for hosts (`details.code`). */
export class MediaError extends ServiceError {
  override name = 'MediaError';
  constructor(
    readonly code: MediaErrorCode,
    message: string,
  ) {
    super(message, { code });
  }
}

export const httpStatusOf: Record<MediaErrorCode, number> = {
  'not-found': 404,
  forbidden: 403,
  'not-an-image': 415,
  'not-a-video': 415,
  'too-large': 413,
  invalid: 400,
};
