import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelListing, ModelManifest } from '../types';
import { sha256OfFile } from './fileHash';
import { parseManifest } from './manifestSchema';
import { proposeFromModelFile } from './proposeFromModelFile';
import { messageOf } from '../errors';

/** A manifest that parsed, with where it lives. */
export interface CatalogEntry {
  manifest: ModelManifest;
  manifestPath: string;
  /** Absolute path of the model file. */
  modelPath: string;
  /** Absolute path of the dictionary, for 'ppocr-rec'. */
  dictionaryPath?: string;
  problems: string[];
}

/**
 * Every `*.json` directly inside each models folder, validated, with its files
 * checked (exists, not empty, sha256), then every `*.onnx` no manifest names,
 * with a manifest proposed from its Ultralytics metadata (listed with
 * `needsConfirmation`; see proposeFromModelFile). Folders that do not exist
 * are skipped: `<dataDir>/models` is created only when the user adds a model.
 */
export async function scanModels(modelsDirs: string[]): Promise<{ listings: ModelListing[]; entries: Map<string, CatalogEntry> }> {
  const listings: ModelListing[] = [];
  const entries = new Map<string, CatalogEntry>();
  for (const dir of modelsDirs) {
    for (const manifestPath of await manifestFilesIn(dir)) {
      const listing = await inspectManifest(manifestPath);
      listings.push(listing);
      if (!listing.manifest) continue;
      const manifest = listing.manifest;
      const earlier = entries.get(manifest.id);
      if (earlier) {
        listing.problems.push(`model id '${manifest.id}' is already declared by ${earlier.manifestPath}; this manifest is ignored`);
        continue;
      }
      entries.set(manifest.id, {
        manifest,
        manifestPath,
        modelPath: path.resolve(path.dirname(manifestPath), manifest.file),
        dictionaryPath: manifest.dictionary ? path.resolve(path.dirname(manifestPath), manifest.dictionary) : undefined,
        problems: listing.problems,
      });
    }
  }
  const declaredFiles = new Set(listings.flatMap((l) => (l.manifest ? [path.resolve(path.dirname(l.manifestPath), l.manifest.file)] : [])));
  for (const dir of modelsDirs) {
    for (const modelPath of await modelFilesWithoutManifest(dir, declaredFiles)) {
      const listing = await proposeFromModelFile(modelPath);
      listings.push(listing);
      if (!listing.manifest || listing.problems.length) continue;
      const earlier = entries.get(listing.manifest.id);
      if (earlier) {
        listing.problems.push(`model id '${listing.manifest.id}' is already declared by ${earlier.manifestPath}; confirm this model under another id`);
        continue;
      }
      entries.set(listing.manifest.id, { manifest: listing.manifest, manifestPath: listing.manifestPath, modelPath, problems: listing.problems });
    }
  }
  for (const entry of entries.values()) {
    const recognizerId = entry.manifest.recognizer;
    if (!recognizerId) continue;
    const recognizer = entries.get(recognizerId);
    if (!recognizer) entry.problems.push(`recognizer '${recognizerId}' is not declared by any manifest`);
    else if (recognizer.manifest.decoder !== 'ppocr-rec') entry.problems.push(`recognizer '${recognizerId}' has decoder '${recognizer.manifest.decoder}', expected 'ppocr-rec'`);
    else if (recognizer.problems.length) entry.problems.push(`recognizer '${recognizerId}' is unavailable: ${recognizer.problems.join('; ')}`);
  }
  return { listings, entries };
}

async function manifestFilesIn(dir: string): Promise<string[]> {
  return (await namesIn(dir)).filter((name) => name.endsWith('.json')).map((name) => path.join(dir, name));
}

/**
 * `*.onnx` files directly in the folder that no manifest names and that have
 * no `<stem>.json` beside them (a broken manifest is reported as such, not
 * second-guessed by a proposal). These get a proposed manifest.
 */
async function modelFilesWithoutManifest(dir: string, declared: Set<string>): Promise<string[]> {
  const names = await namesIn(dir);
  const jsons = new Set(names.filter((n) => n.endsWith('.json')));
  return names
    .filter((n) => n.toLowerCase().endsWith('.onnx') && !jsons.has(`${n.slice(0, -'.onnx'.length)}.json`))
    .map((n) => path.join(dir, n))
    .filter((p) => !declared.has(path.resolve(p)));
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function inspectManifest(manifestPath: string): Promise<ModelListing> {
  const parsed = parseManifest(await readFile(manifestPath, 'utf8'));
  if (!parsed.ok) return { manifestPath, problems: parsed.problems };
  const { manifest } = parsed;
  const dir = path.dirname(manifestPath);
  const problems = await checkFile(path.resolve(dir, manifest.file), `model file ${manifest.file}`, manifest.sha256);
  if (manifest.dictionary) problems.push(...(await checkFile(path.resolve(dir, manifest.dictionary), `dictionary ${manifest.dictionary}`)));
  return { manifestPath, manifest, problems };
}

/** Problems with one file the manifest names: missing, empty, or not the bytes the manifest promises. */
async function checkFile(absolutePath: string, named: string, expectedSha256?: string): Promise<string[]> {
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return [`${named} is not a file`];
    if (info.size === 0) return [`${named} is empty (0 bytes)`];
    if (!expectedSha256) return [];
    const actual = await sha256OfFile(absolutePath);
    return actual === expectedSha256 ? [] : [`sha256 of ${named} is ${actual}, but the manifest says ${expectedSha256} (the file is damaged or not the model the manifest describes)`];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [`${named} does not exist (looked for ${absolutePath})`];
    return [`${named} cannot be read: ${messageOf(error)}`];
  }
}
