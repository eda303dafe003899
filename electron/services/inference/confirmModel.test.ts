import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { colourClasses, ultralyticsLikeModel, ultralyticsMetadata } from '../../../native/inference/testSupport/ultralyticsLikeModel';
import { createServices, type Services } from '../createServices';
import { tempDir } from '../testSupport/fixtureImages';

let services: Services | undefined;
afterEach(async () => {
  await services?.dispose();
  services = undefined;
});

/** A workstation whose data folder holds an Ultralytics-exported detector dropped in without a manifest. */
async function withDroppedYolo() {
  const dataDir = await tempDir('confirm-model');
  const models = path.join(dataDir, 'models');
  await mkdir(models, { recursive: true });
  await writeFile(path.join(models, 'colours.onnx'), ultralyticsLikeModel({ head: 'v8', imgsz: [640, 640], metadata: ultralyticsMetadata() }));
  services = await createServices({ dataDir, host: { kind: 'browser', version: '1', electronVersion: null }, inference: { providers: ['cpu'] } });
  return { services, manifestPath: path.join(models, 'colours.json') };
}

describe('models the user drops in', () => {
  it('lists an Ultralytics .onnx without a manifest as a proposal with what was read, and the recognizer as not runnable alone', async () => {
    const { services, manifestPath } = await withDroppedYolo();
    const listed = await services.inference.listModels({});
    const proposed = listed.find((m) => m.manifestPath === manifestPath);
    expect(proposed).toMatchObject({ needsConfirmation: true, runsAlone: true, classes: colourClasses, readFromModel: { classes: colourClasses, decoder: 'yolo-v8' } });
    expect(proposed?.readFromModel?.metadata.names).toBe("{0: 'red', 1: 'green', 2: 'blue'}");
    // The shipped PP-OCR recognizer (models/ppocr-v4-rec.json) only reads crops a detector found.
    expect(listed.find((m) => m.task === 'text-recognize')).toMatchObject({ id: 'ppocr-v4-rec', runsAlone: false });
    expect(listed.filter((m) => m.task === 'text-detect').every((m) => m.runsAlone)).toBe(true);
  });

  it('confirms a proposal with corrections into a manifest beside the file, and refuses any other path', async () => {
    const { services, manifestPath } = await withDroppedYolo();
    await expect(services.inference.confirmModel({ manifestPath: path.join(path.dirname(manifestPath), '..', 'elsewhere.json'), corrections: {} })).rejects.toThrow(/no proposed model waits for confirmation/);
    const confirmed = await services.inference.confirmModel({ manifestPath, corrections: { name: 'Colour blobs', classes: ['rot', 'grün', 'blau'] } });
    expect(confirmed).toMatchObject({ needsConfirmation: false, name: 'Colour blobs', classes: ['rot', 'grün', 'blau'], available: true });
    expect(JSON.parse(await readFile(manifestPath, 'utf8'))).toMatchObject({ name: 'Colour blobs', decoder: 'yolo-v8' });
    // Confirmed once: it is an ordinary model now, and confirming again is refused.
    await expect(services.inference.confirmModel({ manifestPath, corrections: {} })).rejects.toThrow(/no proposed model/);
  });
});
