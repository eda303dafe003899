import type { Shape } from '../../core/model/shape';
import type { Camera } from '../editor/types';
import { fitTextLine, type ShapeTextOf } from './shapeText';

/**
 * Outlines are 1-px lines (Skia rasterises those on its hairline fast path:
 * ~0.7 µs a box, against ~35 µs for a 1.5-px stroke under software
 * rendering). Up to this many visible boxes each one gets a second, inset
 * hairline so outlines read as 2 px; denser scenes stay at 1 px, which is
 * also the more legible choice when boxes crowd.
 */
export const DOUBLE_LINE_MAX_BOXES = 2000;
const MODEL_DASH = [5, 4];
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
  return { double: shapes.length <= DOUBLE_LINE_MAX_BOXES, scores: pending <= MAX_SCORE_LABELS, texts: texts <= MAX_TEXT_LABELS };
}

/**
 * Draws every given box as outlines in screen space, one path per colour (and
 * per source kind), so 10,000 boxes cost a handful of stroke calls instead of
 * 10,000. Coordinates are snapped to half pixels so 1-px-ish lines stay crisp.
 * With `textOf`, a box's text (an OCR box's recognised text) is written under
 * it while the zoom makes it readable.
 */
export function drawBoxes(
  ctx: CanvasRenderingContext2D,
  shapes: readonly Shape[],
  camera: Camera,
  colorOf: (classId: string) => string,
  textOf?: ShapeTextOf | null,
  style: BoxStyle = styleOfView(shapes, camera, textOf),
): number {
  // Pre-labels awaiting review are dashed with their score; once accepted or corrected they look like any label.
  const human = new Map<string, Shape[]>();
  const model = new Map<string, Shape[]>();
  const texts: { shape: Shape; text: string }[] = [];
  const readable = MIN_TEXT_BOX_HEIGHT / camera.zoom;
  let count = 0;
  for (const s of shapes) {
    count++;
    if (textOf && s.box.h >= readable && style.texts) {
      const text = textOf(s);
      if (text !== undefined) texts.push({ shape: s, text });
    }
    const groups = s.prelabel?.review === 'pending' ? model : human;
    const color = colorOf(s.classId);
    let list = groups.get(color);
    if (!list) groups.set(color, (list = []));
    list.push(s);
  }
  const double = style.double;
  ctx.save();
  ctx.lineWidth = 1;
  for (const [color, list] of human) strokeGroup(ctx, list, camera, color, double);
  if (model.size > 0) {
    ctx.setLineDash(MODEL_DASH);
    for (const [color, list] of model) strokeGroup(ctx, list, camera, color, false);
    ctx.setLineDash([]);
    if (style.scores) drawScores(ctx, model, camera);
  }
  if (style.texts) drawTexts(ctx, texts, camera);
  ctx.restore();
  return count;
}

function strokeGroup(ctx: CanvasRenderingContext2D, list: readonly Shape[], camera: Camera, color: string, double: boolean): void {
  const { x: cx, y: cy, zoom } = camera;
  ctx.beginPath();
  for (const s of list) {
    const b = s.box;
    const x1 = Math.round(b.x * zoom + cx) + 0.5;
    const y1 = Math.round(b.y * zoom + cy) + 0.5;
    const x2 = Math.round((b.x + b.w) * zoom + cx) + 0.5;
    const y2 = Math.round((b.y + b.h) * zoom + cy) + 0.5;
    ctx.rect(x1, y1, x2 - x1, y2 - y1);
    if (double && x2 - x1 > 2 && y2 - y1 > 2) ctx.rect(x1 + 1, y1 + 1, x2 - x1 - 2, y2 - y1 - 2);
  }
  ctx.strokeStyle = color;
  ctx.stroke();
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
