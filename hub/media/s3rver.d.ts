/** The part of s3rver 3.7 (no types of its own) the media tests use. */
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface S3rverOptions {
    directory?: string;
    silent?: boolean;
    configureBuckets?: { name: string; configs: (string | Buffer)[] }[];
    allowMismatchedSignatures?: boolean;
  }
  export default class S3rver {
    constructor(options?: S3rverOptions);
    configureBuckets(): Promise<void>;
    /** The Koa request handler, to serve from an own http server. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
