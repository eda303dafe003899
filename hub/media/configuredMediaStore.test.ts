import { randomBytes, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3SettingsFromEnv } from '../config';
import { openConfiguredMediaStore } from './configuredMediaStore';
import type { LocalMediaStore } from './mediaStore';
import { startTestS3Server, type TestS3Server } from './testS3Server';

describe('media settings from the environment (HUB_S3_*)', () => {
  it('none: no object storage (the local folder stays the default)', () => {
    expect(s3SettingsFromEnv({})).toBeUndefined();
  });

  it('a bucket and an endpoint: path style, the default region, lifetime and delivery', () => {
    expect(s3SettingsFromEnv({ HUB_S3_BUCKET: 'media', HUB_S3_ENDPOINT: 'http://127.0.0.1:9000', HUB_S3_ACCESS_KEY_ID: 'k', HUB_S3_SECRET_ACCESS_KEY: 's' })).toEqual({
      bucket: 'media',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      publicEndpoint: undefined,
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
      presignSeconds: 300,
      delivery: 'redirect',
    });
    expect(s3SettingsFromEnv({ HUB_S3_BUCKET: 'media' })).toMatchObject({ endpoint: undefined, forcePathStyle: false, accessKeyId: undefined });
    expect(s3SettingsFromEnv({ HUB_S3_BUCKET: 'media', HUB_S3_DELIVERY: 'stream', HUB_S3_PRESIGN_SECONDS: '60', HUB_S3_FORCE_PATH_STYLE: 'false', HUB_S3_ENDPOINT: 'https://s3.example' })).toMatchObject({ delivery: 'stream', presignSeconds: 60, forcePathStyle: false });
  });

  it('refuses settings that would be ignored or cannot work', () => {
    expect(() => s3SettingsFromEnv({ HUB_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/without HUB_S3_BUCKET/);
    expect(() => s3SettingsFromEnv({ HUB_S3_BUCKET: 'm', HUB_S3_DELIVERY: 'proxy' })).toThrow(/HUB_S3_DELIVERY/);
    expect(() => s3SettingsFromEnv({ HUB_S3_BUCKET: 'm', HUB_S3_PRESIGN_SECONDS: '700000' })).toThrow(/a week/);
    expect(() => s3SettingsFromEnv({ HUB_S3_BUCKET: 'm', HUB_S3_PRESIGN_SECONDS: '0' })).toThrow(/positive integer/);
    expect(() => s3SettingsFromEnv({ HUB_S3_BUCKET: 'm', HUB_S3_ACCESS_KEY_ID: 'k' })).toThrow(/both/);
    expect(() => s3SettingsFromEnv({ HUB_S3_BUCKET: 'm', HUB_S3_ENDPOINT: 'file:///srv' })).toThrow(/http\(s\)/);
  });
});

describe('openConfiguredMediaStore', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startTestS3Server();
  }, 180_000);
  afterAll(async () => s3?.close());

  it('opens the local folder without S3 settings, and the bucket with them', async () => {
    const local = (await openConfiguredMediaStore({})) as LocalMediaStore;
    expect(typeof local.dir).toBe('string');
    const bytes = randomBytes(100);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const remote = await openConfiguredMediaStore({ mediaS3: s3.settings() });
    await remote.put(sha, Readable.from([bytes]), 1000);
    expect(await s3.keys()).toContain(`media/${sha}`);
    expect('dir' in remote).toBe(false);
    await remote.close();
  });

  it('refuses at start a media limit past what one S3 copy holds', async () => {
    await expect(openConfiguredMediaStore({ mediaS3: s3.settings(), mediaBodyLimit: 6 * 1024 ** 3 })).rejects.toThrow(/CopyObject/);
  });
});
