/**
 * The few browser APIs the bench page uses, typed locally: bench/ is
 * type-checked with the Node tsconfig (no DOM lib), and pulling the DOM lib
 * into that program would hide real mistakes in Node code.
 */
export interface Canvas2D {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  stroke(): void;
}

export interface CanvasElement {
  width: number;
  height: number;
  getContext(kind: '2d'): Canvas2D | null;
}

interface PageGlobals {
  document: { getElementById(id: string): CanvasElement | null; createElement(tag: 'canvas'): CanvasElement; body: { appendChild(el: CanvasElement): void } };
  location: { search: string };
  requestAnimationFrame(cb: (t: number) => void): number;
  /** Where the page publishes its API for the Node driver (page.evaluate). */
  groundworkBench?: unknown;
}

export const page = globalThis as unknown as PageGlobals;

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => page.requestAnimationFrame(() => resolve()));
}
