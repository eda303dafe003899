import type { Box } from '../../model/shape';
import { FormatError } from '../formatError';
import { parseNumber } from '../shared/numbers';

/**
 * One line of MOT ground truth, by its number of values:
 * - 6 to 9: MOT16/17/20 and CVAT's MOT 1.1 — frame,id,x,y,w,h[,conf[,class[,visibility]]];
 * - 10: MOTChallenge 2015 — frame,id,x,y,w,h,conf,x,y,z with world
 *   coordinates x,y,z (-1 in 2-D sequences) and no class.
 * -1 means "not given" in every column after the box (class, visibility,
 * world coordinates), as the MOTChallenge devkit writes it.
 */
export interface MotRow {
  /** 1-based, as in the file. */
  frame: number;
  id: number;
  box: Box;
  /** Null when the line has no conf column or says -1. */
  conf: number | null;
  /** 1-based class id; null when the line has no class (MOT 2015, short lines) or says -1. */
  classId: number | null;
  /** False for layouts without a class column (2015, lines of 6 or 7 values): their lines are not "class -1". */
  classColumn: boolean;
  /** Null when absent or -1. */
  visibility: number | null;
  /** The 2015 layout's world coordinates, when any is given (not -1). */
  world: [number, number, number] | null;
}

export type MotLayout = 'mot16' | 'mot15';

const NAMES: Record<MotLayout, readonly string[]> = {
  mot16: ['frame', 'id', 'x', 'y', 'width', 'height', 'conf', 'class', 'visibility'],
  mot15: ['frame', 'id', 'x', 'y', 'width', 'height', 'conf', 'world x', 'world y', 'world z'],
};

const given = (v: number | undefined): number | null => (v === undefined || v === -1 ? null : v);

export function layoutOf(valueCount: number): MotLayout | null {
  if (valueCount === 10) return 'mot15';
  return valueCount >= 6 && valueCount <= 9 ? 'mot16' : null;
}

export function parseMotRow(file: string, location: string, line: string): MotRow {
  const fields = line.split(',');
  const layout = layoutOf(fields.length);
  if (!layout) {
    throw new FormatError(
      file,
      location,
      `expected 6 to 10 comma-separated values (frame,id,x,y,w,h,conf,class,visibility, or MOTChallenge 2015's frame,id,x,y,w,h,conf,x,y,z), got ${fields.length}`,
    );
  }
  const v = fields.map((text, k) => {
    const n = parseNumber(text);
    if (n === undefined) throw new FormatError(file, location, `${NAMES[layout][k]!} "${text.trim()}" is not a number`);
    return n;
  });
  const [frame, id, x, y, w, h, conf] = v as [number, number, number, number, number, number, number | undefined];
  const box = { x, y, w, h };
  if (layout === 'mot15') {
    const world = v.slice(7, 10) as [number, number, number];
    return { frame, id, box, conf: given(conf), classId: null, classColumn: false, visibility: null, world: world.every((c) => c === -1) ? null : world };
  }
  return { frame, id, box, conf: given(conf), classId: given(v[7]), classColumn: v.length >= 8, visibility: given(v[8]), world: null };
}
