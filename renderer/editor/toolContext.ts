import type { Box, Shape } from '../../core/model/shape';
import type { ImageSize } from './boxMath';
import type { Point } from './camera';
import type { EditorSnapshot, HandleId, PointerInput, Preview, ToolId } from './types';
import type { ShapeChange } from '../document/shapeChange';

/** A pointer event as tools see it: both screen and image coordinates. */
export interface ToolPointer {
  screen: Point;
  image: Point;
  input: PointerInput;
}

/** What tool states may read and do; the editor implements it. States never touch the committer directly. */
export interface ToolContext {
  snapshot(): EditorSnapshot;
  shapeById(id: string): Shape | undefined;
  /** Best shape under an image point (smallest containing box, with a few screen px of tolerance). */
  hitShape(image: Point): string | null;
  /** A handle of the single selected shape under a screen point. */
  hitSelectedHandle(screen: Point): { shapeId: string; handle: HandleId } | null;
  imageSize(): ImageSize | null;
  select(ids: readonly string[]): void;
  setPreview(preview: Preview): void;
  setHover(id: string | null): void;
  setCursor(cursor: string): void;
  /** One user change = one undo step. */
  commit(change: ShapeChange, label: string): void;
  /** A new shape of the active class, or null when there is no class to draw with. */
  newBoxShape(box: Box): Shape | null;
  activeClassId(): string | null;
  switchTool(tool: ToolId): void;
}
