import type { Shape } from '../../core/model/shape';
import type { Camera } from '../editor/types';
import { fitTextLine, type ShapeTextOf } from './shapeText';

/**
 * Outlines are 1-px lines. Up to this many visible boxes each one gets a
 * second, inset line so outlines read as 2 px; denser scenes stay at 1 px,
 * which is also the more legible choice when boxes crowd.
 */
export const DOUBLE_LINE_MAX_BOXES = 2000;
/** Score labels cost a fillText each; past this many visible pending pre-labels they are left out. */
const MAX_SCORE_LABELS = 400;
/**
 * A box's text (an OCR box's recognised text) is drawn under it once the
 * zoom makes the box at least this tall on screen, and only while at most
 * MAX_TEXT_LABELS of them are readable (each costs a measureText and a
 * fillText).
 */
export const MIN_TEXT_BOX_HEIGHT = 8;
export const MAX_TEXT_LABELS = 300;
const TEXT_FONT_PX = 12;

/**
 * What a view shows besides outlines, decided from everything visible: a
 * redraw of a small changed area must look like the rest of the view, so it
 * reuses the view's style instead of deciding from the few boxes it redraws.
 */
export interface BoxStyle {
  /** Outlines read as 2 px (few boxes visible). */
  double: boolean;
  /** Pending pre-labels show their score. */
  scores: boolean;
  /** Boxes tall enough on screen show their text. */
  texts: boolean;
}

/** The style of a view showing `shapes` (everything visible). */
export function styleOfView(shapes: readonly Shape[], camera: Camera, textOf?: ShapeTextOf | null): BoxStyle {
  let pending = 0;
  let texts = 0;
  const readable = MIN_TEXT_BOX_HEIGHT / camera.zoom;
  for (const s of shapes) {
    if (s.prelabel?.review === 'pending') pending++;
    if (textOf && s.box.h >= readable && texts <= MAX_TEXT_LABELS && textOf(s) !== undefined) texts++;
  }
  return { double: shapes.length <= DOUBLE_LINE_MAX_BOXES, scores: pending > 0 && pending <= MAX_SCORE_LABELS, texts: texts > 0 && texts <= MAX_TEXT_LABELS };
}

/**
 * The labels drawn over the outlines (boxPixels.ts): the score of each
 * pending pre-label above it and, while the zoom makes it readable, a box's
 * text (an OCR box's recognised text) under it, each kind only while few
 * enough are in view (`style`). Returns the number of shapes given.
 */
export function drawBoxLabels(
  ctx: CanvasRenderingContext2D,
  shapes: readonly Shape[],
  camera: Camera,
  colorOf: (classId: string) => string,
  textOf?: ShapeTextOf | null,
  style: BoxStyle = styleOfView(shapes, camera, textOf),
): number {
  const pending = new Map<string, Shape[]>();
  const texts: { shape: Shape; text: string }[] = [];
  const readable = MIN_TEXT_BOX_HEIGHT / camera.zoom;
  for (const s of shapes) {
    if (textOf && style.texts && s.box.h >= readable) {
      const text = textOf(s);
      if (text !== undefined) texts.push({ shape: s, text });
    }
    if (!style.scores || s.prelabel?.review !== 'pending') continue;
    const color = colorOf(s.classId);
    let list = pending.get(color);
    if (!list) pending.set(color, (list = []));
    list.push(s);
  }
  ctx.save();
  if (pending.size > 0) drawScores(ctx, pending, camera);
  if (texts.length > 0) drawTexts(ctx, texts, camera);
  ctx.restore();
  return shapes.length;
}

function drawScores(ctx: CanvasRenderingContext2D, model: Map<string, Shape[]>, camera: Camera): void {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  for (const [color, list] of model) {
    ctx.fillStyle = color;
    for (const s of list) {
      if (!s.prelabel) continue;
      const x = s.box.x * camera.zoom + camera.x;
      const y = s.box.y * camera.zoom + camera.y;
      ctx.fillText(s.prelabel.score.toFixed(2), x + 2, y - 2);
    }
  }
}

/** Each text on one line under its box, white on a dark band so it reads over any picture; the bands are one fill. */
function drawTexts(ctx: CanvasRenderingContext2D, texts: readonly { shape: Shape; text: string }[], camera: Camera): void {
  if (texts.length === 0) return;
  ctx.font = `${TEXT_FONT_PX}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  const lines = texts.map(({ shape, text }) => {
    const b = shape.box;
    const x = Math.round(b.x * camera.zoom + camera.x);
    const y = Math.round((b.y + b.h) * camera.zoom + camera.y) + 2;
    const line = fitTextLine(text, b.w * camera.zoom);
    return { x, y, line, width: ctx.measureText(line).width };
  });
  ctx.beginPath();
  for (const l of lines) ctx.rect(l.x, l.y, l.width + 6, TEXT_FONT_PX + 4);
  ctx.fillStyle = 'rgba(17, 17, 17, 0.72)';
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  for (const l of lines) ctx.fillText(l.line, l.x + 3, l.y + 2);
}
