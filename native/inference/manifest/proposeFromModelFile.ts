import path from 'node:path';
import type { ModelListing } from '../types';
import { messageOf } from '../errors';
import { sha256OfFile } from './fileHash';
import { manifestFromUltralytics } from './manifestFromUltralytics';
import { readOnnxModelInfo } from './readOnnxMetadata';

/**
 * The listing for a `.onnx` file dropped into a models folder without a
 * manifest: the manifest proposed from the file's own metadata, marked
 * `needsConfirmation`, with what was read. `manifestPath` is where the
 * confirmed manifest will be written (`<stem>.json` beside the model); it
 * does not exist yet.
 */
export async function proposeFromModelFile(modelPath: string): Promise<ModelListing> {
  const stem = path.basename(modelPath, path.extname(modelPath));
  const manifestPath = path.join(path.dirname(modelPath), `${stem}.json`);
  const base = { manifestPath, needsConfirmation: true as const };
  try {
    const [info, sha256] = await Promise.all([readOnnxModelInfo(modelPath), sha256OfFile(modelPath)]);
    const { manifest, read, problems } = manifestFromUltralytics(info, { path: modelPath, sha256 });
    return { ...base, manifest, problems, readFromModel: read };
  } catch (error) {
    return { ...base, problems: [`${path.basename(modelPath)} has no manifest and its metadata could not be read: ${messageOf(error)}`] };
  }
}
