/**
 * What an importer left out or changed, as data: a count per kind and the
 * first few examples of each, so a file with a million skipped polygons
 * costs a few counters, not a million messages. The import dialog shows
 * this before anything is written.
 */
export type ImportWarningKind =
  /** A shape a box tool cannot hold (polygon, polyline, points, skeleton, keypoints, mask, ellipse, cuboid…). */
  | 'unsupported-shape'
  /** A box partly outside its image or frame, clamped to it. */
  | 'box-clamped'
  /** A box wholly outside its image or frame, skipped. */
  | 'box-outside'
  /** Annotations not taken because the user picked which ones to import (Label Studio: latest / one annotator). */
  | 'annotation-not-chosen'
  /** Something of the file's own that has no place here (a CVAT frame_filter step, a MOT 3-D world coordinate…). */
  | 'ignored-setting'
  /** An image or video the project does not have; its labels were skipped. */
  | 'unknown-media'
  /** An attribute whose value did not fit, or that the class does not declare. */
  | 'attribute'
  /** A score outside 0..1 and the like: imported, but not as the file said. */
  | 'value-changed';

export interface ImportWarning {
  kind: ImportWarningKind;
  file: string;
  /** Line, element or JSON path, as in FormatError; '' for the file as a whole. */
  location: string;
  message: string;
}

export interface ImportWarnings {
  /** How many times each kind happened (every one counted, however many). */
  counts: Partial<Record<ImportWarningKind, number>>;
  /** The first examples of each kind, at most EXAMPLES_PER_KIND each, in the order they happened. */
  examples: ImportWarning[];
}

export const EXAMPLES_PER_KIND = 5;

/** What the dialog says for each kind, before its count. */
export const warningKindLabels: Record<ImportWarningKind, string> = {
  'unsupported-shape': 'shapes other than boxes skipped',
  'box-clamped': 'boxes partly outside the frame, clamped',
  'box-outside': 'boxes wholly outside the frame, skipped',
  'annotation-not-chosen': 'annotations not chosen, skipped',
  'ignored-setting': 'settings of the file that were ignored',
  'unknown-media': 'labels of media not in this project, skipped',
  attribute: 'attribute values left out or changed',
  'value-changed': 'values imported differently from the file',
};

export const NO_WARNINGS: ImportWarnings = Object.freeze({ counts: Object.freeze({}), examples: Object.freeze([]) as unknown as ImportWarning[] }) as ImportWarnings;

/** Collects warnings in bounded memory: counts always, examples only up to EXAMPLES_PER_KIND per kind. */
export class WarningCollector {
  private readonly counts: Partial<Record<ImportWarningKind, number>> = {};
  private readonly examples: ImportWarning[] = [];

  add(kind: ImportWarningKind, file: string, location: string, message: string): void {
    const n = (this.counts[kind] ?? 0) + 1;
    this.counts[kind] = n;
    if (n <= EXAMPLES_PER_KIND) this.examples.push({ kind, file, location, message });
  }

  /** Adds another collection (e.g. the mapping step's warnings after the parser's). */
  addAll(other: ImportWarnings): void {
    for (const [kind, n] of Object.entries(other.counts) as [ImportWarningKind, number][]) {
      const before = this.counts[kind] ?? 0;
      this.counts[kind] = before + n;
      const room = Math.max(0, EXAMPLES_PER_KIND - before);
      this.examples.push(...other.examples.filter((e) => e.kind === kind).slice(0, room));
    }
  }

  count(kind?: ImportWarningKind): number {
    if (kind) return this.counts[kind] ?? 0;
    return Object.values(this.counts).reduce((a, b) => a + (b ?? 0), 0);
  }

  result(): ImportWarnings {
    return { counts: { ...this.counts }, examples: [...this.examples] };
  }
}

/** Total number of warnings of every kind. */
export function warningTotal(warnings: ImportWarnings): number {
  return Object.values(warnings.counts).reduce((a, b) => a + (b ?? 0), 0);
}

/** One line per kind, e.g. "12 shapes other than boxes skipped", for a summary or a test. */
export function warningLines(warnings: ImportWarnings): string[] {
  return (Object.entries(warnings.counts) as [ImportWarningKind, number][]).map(([kind, n]) => `${n} ${warningKindLabels[kind]}`);
}
