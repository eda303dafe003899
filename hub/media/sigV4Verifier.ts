import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';

/**
 * Tests only: AWS Signature Version 4 verification of a request to the test
 * S3 server (testS3Server.ts), because s3rver 3.7 never checks a signature.
 *
 * Everything is taken from the request itself — the access key, date,
 * region and service of its credential scope, its SignedHeaders, its
 * x-amz-date and x-amz-content-sha256 — and the signature is recomputed with
 * the AWS SDK's own signer (`@smithy/signature-v4`: its canonical headers,
 * canonical query, canonical request, string to sign and signing key), with
 * the secret this server holds for that access key. So a wrong secret,
 * region, service or clock, a header edited after signing, or a
 * canonicalisation bug in the client fails here as it would on S3.
 *
 * What it does NOT do, as S3 would: check a hex x-amz-content-sha256 against
 * the body it names (the body streams on to s3rver), or verify the per-chunk
 * signatures of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body (only the seed
 * signature, which is the header's, is verified); presigned expiry is left
 * to s3rver, which does check it.
 */

export interface SigV4Account {
  /** access key id → secret */
  secrets: Record<string, string>;
  /** The one region this server answers for (S3 refuses a scope for another). */
  region: string;
}

export interface SigV4Refusal {
  status: number;
  code: string;
  message: string;
}

export interface SignedRequest {
  method: string;
  /** As received: path and query, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** S3 refuses a header-signed request whose x-amz-date is further than this from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const refuse = (status: number, code: string, message: string): SigV4Refusal => ({ status, code, message });
const MISMATCH = refuse(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');

/** null: the signature is good; else S3's refusal. */
export async function verifySigV4(request: SignedRequest, account: SigV4Account, now = new Date()): Promise<SigV4Refusal | null> {
  const { path, query } = splitUrl(request.url);
  const authorization = header(request.headers, 'authorization');
  const presigned = query['X-Amz-Signature'] !== undefined;
  if (authorization !== undefined && presigned) return refuse(400, 'InvalidArgument', 'Only one auth mechanism allowed');
  if (authorization === undefined && !presigned) return refuse(403, 'AccessDenied', 'Access Denied');

  let claim: Claim | SigV4Refusal;
  if (authorization !== undefined) claim = fromHeader(authorization, request.headers);
  else claim = fromQuery(query);
  if ('status' in claim) return claim;

  const secret = Object.hasOwn(account.secrets, claim.accessKeyId) ? account.secrets[claim.accessKeyId] : undefined;
  if (secret === undefined) return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  if (claim.region !== account.region) return refuse(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${claim.region}' is wrong; expecting '${account.region}'`);
  if (claim.service !== 's3') return refuse(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; incorrect service '${claim.service}'. This endpoint belongs to 's3'.`);
  if (claim.longDate.slice(0, 8) !== claim.shortDate) return refuse(403, 'SignatureDoesNotMatch', 'The credential scope date does not match the request date');
  const signingDate = parseLongDate(claim.longDate);
  if (!signingDate) return refuse(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  if (!presigned && Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) return refuse(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
  if (presigned && signingDate.getTime() - now.getTime() > MAX_SKEW_MS) return refuse(403, 'AccessDenied', 'Request is not valid yet');

  // Only the headers the client says it signed, with the values that arrived.
  const signed: Record<string, string> = {};
  for (const name of claim.signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) return MISMATCH;
    signed[name] = value;
  }
  if (!claim.signedHeaders.includes('host')) return refuse(403, 'AccessDenied', "Host must be signed (SignedHeaders lacks 'host')");

  const verifier = new Verifier(claim.accessKeyId, secret, claim.region, claim.service);
  const httpRequest = { method: request.method, protocol: 'http:', hostname: '', path: canonicalPath(path), query, headers: signed };
  const expected = await verifier.signatureOf(httpRequest as never, signed, claim, signingDate);
  return expected === claim.signature ? null : MISMATCH;
}

interface Claim {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  longDate: string;
  payloadHash: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

function fromHeader(authorization: string, headers: IncomingHttpHeaders): Claim | SigV4Refusal {
  const m = AUTHORIZATION.exec(authorization);
  if (!m) return refuse(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
  const longDate = header(headers, 'x-amz-date');
  if (longDate === undefined) return refuse(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const payloadHash = header(headers, 'x-amz-content-sha256');
  if (payloadHash === undefined) return refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  return { accessKeyId: m[1]!, shortDate: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(';'), signature: m[6]!, longDate, payloadHash };
}

function fromQuery(query: Record<string, string>): Claim | SigV4Refusal {
  if (query['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256') return refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const m = CREDENTIAL.exec(query['X-Amz-Credential'] ?? '');
  const signedHeaders = query['X-Amz-SignedHeaders'];
  const longDate = query['X-Amz-Date'];
  const signature = query['X-Amz-Signature'] ?? '';
  if (!m || !signedHeaders || !longDate || !/^[0-9a-f]{64}$/.test(signature)) return refuse(400, 'AuthorizationQueryParametersError', 'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
  // A presigned URL's payload is unsigned unless the URL itself names a hash.
  const payloadHash = query['X-Amz-Content-Sha256'] ?? 'UNSIGNED-PAYLOAD';
  return { accessKeyId: m[1]!, shortDate: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: signedHeaders.split(';'), signature, longDate, payloadHash };
}

/**
 * The SDK's signer, for the two steps it keeps protected: the canonical
 * request and the string to sign; the HMAC with the derived key is its
 * public `sign(string)`.
 */
class Verifier extends SignatureV4 {
  constructor(accessKeyId: string, secretAccessKey: string, region: string, service: string) {
    // uriEscapePath false: the path given is already S3's canonical URI (below).
    super({ credentials: { accessKeyId, secretAccessKey }, region, service, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
  }

  async signatureOf(request: Parameters<SignatureV4['presign']>[0], signed: Record<string, string>, claim: Claim, signingDate: Date): Promise<string> {
    // signableHeaders: a header the SDK would never sign (user-agent …) still counts if the client signed it.
    const canonicalHeaders = getCanonicalHeaders({ ...request, headers: signed } as never, undefined, new Set(claim.signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(request as never, canonicalHeaders, claim.payloadHash);
    const scope = `${claim.shortDate}/${claim.region}/${claim.service}/aws4_request`;
    const stringToSign = await this.createStringToSign(claim.longDate, scope, canonicalRequest, 'AWS4-HMAC-SHA256');
    return this.sign(stringToSign, { signingDate, signingRegion: claim.region, signingService: claim.service });
  }
}

/** The SDK's hash interface over node:crypto (HMAC when given a key). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: Uint8Array | string): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/**
 * S3's canonical URI: each segment decoded, then encoded once by SigV4's
 * rules (everything but A–Z a–z 0–9 - _ . ~), slashes kept, no dot-segment
 * normalisation (S3 keys may contain them). A client that encodes a key
 * differently signs a different string and is refused, as on S3.
 */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(decodeURIComponent(segment)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** Path and query as sent; `+` in the query is a literal plus (URLSearchParams would make it a space). */
function splitUrl(url: string): { path: string; query: Record<string, string> } {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query: Record<string, string> = {};
  if (at >= 0) {
    for (const pair of url.slice(at + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      query[key] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    }
  }
  return { path, query };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseLongDate(longDate: string): Date | null {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(longDate);
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
