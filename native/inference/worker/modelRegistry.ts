import { ModelLoadError, UnknownModelError } from '../errors';
import { scanModels, type CatalogEntry } from '../manifest/modelCatalog';
import { createOcrRunner } from '../pipelines/ocrRunner';
import type { ModelRunner } from '../pipelines/runner';
import { createYoloRunner } from '../pipelines/yoloRunner';
import { openCheckedSession, type OpenedSession, type SessionSettings } from '../session/openSession';
import type { LoadedModelInfo, ModelListing } from '../types';

export interface LoadedModel {
  info: LoadedModelInfo;
  runner: ModelRunner;
}

/**
 * Models by id, each loaded once and kept: sessions are expensive to create
 * (graph optimisation) and cheap to reuse. A failed load is not remembered,
 * so fixing the file and loading again works without a restart.
 */
export class ModelRegistry {
  private readonly sessions = new Map<string, Promise<OpenedSession>>();
  private readonly models = new Map<string, Promise<LoadedModel>>();

  constructor(
    private readonly modelsDirs: string[],
    private readonly settings: SessionSettings,
    private readonly log: (message: string) => void,
  ) {}

  async list(): Promise<ModelListing[]> {
    return (await scanModels(this.modelsDirs)).listings;
  }

  load(modelId: string): Promise<LoadedModel> {
    let loading = this.models.get(modelId);
    if (!loading) {
      loading = this.loadUncached(modelId);
      this.models.set(modelId, loading);
      loading.catch(() => this.models.delete(modelId));
    }
    return loading;
  }

  async dispose(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    this.models.clear();
    for (const opening of sessions) {
      const opened = await opening.catch(() => undefined);
      await opened?.session.release();
    }
  }

  private async loadUncached(modelId: string): Promise<LoadedModel> {
    const { entries } = await scanModels(this.modelsDirs);
    const entry = entries.get(modelId);
    if (!entry) throw new UnknownModelError(`no manifest declares model '${modelId}' (looked in ${this.modelsDirs.join(', ')})`);
    const { manifest } = entry;
    if (manifest.task === 'text-recognize') {
      throw new ModelLoadError(`model '${modelId}' is a text recognizer; it runs on the boxes of an 'ocr' model that names it as its recognizer`);
    }
    const opened = await this.session(entry);
    let runner: ModelRunner;
    if (manifest.task === 'detect') {
      runner = createYoloRunner(manifest, opened) as ModelRunner;
    } else {
      const recEntry = manifest.recognizer ? entries.get(manifest.recognizer) : undefined;
      if (manifest.recognizer && !recEntry) throw new ModelLoadError(`model '${modelId}': recognizer '${manifest.recognizer}' is not declared by any manifest`);
      const recognizer = recEntry ? { opened: await this.session(recEntry), dictionaryPath: recEntry.dictionaryPath! } : undefined;
      runner = (await createOcrRunner(manifest, opened, recognizer)) as ModelRunner;
    }
    const info: LoadedModelInfo = { modelId, provider: opened.provider, fallbacks: opened.fallbacks };
    const tried = opened.fallbacks.map((f) => `${f.provider}: ${f.reason}`).join('; ');
    this.log(`model '${modelId}' loaded on execution provider '${opened.provider}'${tried ? ` (not available: ${tried})` : ''}`);
    return { info, runner };
  }

  /** One session per model id, shared (an OCR detector and a second one may name the same recognizer). */
  private session(entry: CatalogEntry): Promise<OpenedSession> {
    const id = entry.manifest.id;
    let opening = this.sessions.get(id);
    if (!opening) {
      opening = openCheckedSession(entry, this.settings);
      this.sessions.set(id, opening);
      opening.catch(() => this.sessions.delete(id));
    }
    return opening;
  }
}
