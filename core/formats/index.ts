import { cocoFormat } from './coco';
import { cvatFormat } from './cvat';
import { datumaroFormat } from './datumaro';
import type { FormatId } from './detectFormat';
import { labelMeFormat } from './labelme';
import { labelStudioFormat } from './labelStudio';
import type { AnnotationFormat } from './types';
import { vocFormat } from './voc';
import { yoloFormat } from './yolo';

/** Every annotation format by id, in the order a menu should list them. */
export const formats: Record<FormatId, AnnotationFormat> = {
  coco: cocoFormat,
  yolo: yoloFormat,
  voc: vocFormat,
  cvat: cvatFormat,
  // CVAT's other export, next to it.
  datumaro: datumaroFormat,
  labelstudio: labelStudioFormat,
  labelme: labelMeFormat,
};

export const formatIds = Object.keys(formats) as FormatId[];

export { detectFormat, type FormatId } from './detectFormat';
export { FormatError, ProblemCollector, MAX_PROBLEMS, type FormatProblem } from './formatError';
export { WarningCollector, NO_WARNINGS, warningKindLabels, warningLines, warningTotal, type ImportWarning, type ImportWarningKind, type ImportWarnings } from './importWarnings';
export type { AnnotationChoice, AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, ImportOptions, ImportResult, LabelDataset } from './types';
