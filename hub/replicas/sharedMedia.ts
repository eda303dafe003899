import { startTestS3Server } from '../media/testS3Server';

/**
 * The one media store every replica uses: an S3-protocol bucket (s3rver,
 * through hub/media's test server) and the HUB_S3_* settings each replica's
 * environment gets. Replicas that each kept a local folder would find the
 * `media` row of a file uploaded through another replica but not its bytes.
 */
export interface SharedMedia {
  kind: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startSharedMedia(): Promise<SharedMedia> {
  const s3 = await startTestS3Server();
  const settings = s3.settings();
  return {
    kind: `S3 bucket (s3rver at ${s3.endpoint}, downloads ${settings.delivery})`,
    env: {
      HUB_S3_BUCKET: settings.bucket,
      HUB_S3_ENDPOINT: settings.endpoint!,
      HUB_S3_REGION: settings.region,
      HUB_S3_ACCESS_KEY_ID: settings.accessKeyId!,
      HUB_S3_SECRET_ACCESS_KEY: settings.secretAccessKey!,
      HUB_S3_FORCE_PATH_STYLE: 'true',
      HUB_S3_DELIVERY: settings.delivery,
    },
    stop: () => s3.close(),
  };
}
