/**
 * A review draft with its undo history and its listeners: the one
 * implementation both the image and the video review sessions use. Every
 * `apply` is one undo step, except inside `group`, where the first change
 * pushes the step and the rest join it. `notify` drops the cached snapshot
 * and tells the listeners (useSyncExternalStore).
 */
export class DraftHistory<D> {
  private readonly undoStack: D[] = [];
  private readonly redoStack: D[] = [];
  private grouping: 'off' | 'open' | 'pushed' = 'off';
  private readonly listeners = new Set<() => void>();

  constructor(
    private draft: D,
    private readonly changed: () => void = () => undefined,
  ) {}

  get current(): D {
    return this.draft;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** One undo step (or part of the open group's step); listeners are told by `notify`. */
  apply(change: (draft: D) => D): void {
    if (this.grouping !== 'pushed') this.undoStack.push(this.draft);
    if (this.grouping === 'open') this.grouping = 'pushed';
    this.redoStack.length = 0;
    this.draft = change(this.draft);
  }

  /** Several changes as ONE undo step. */
  group(run: () => void): void {
    if (this.grouping !== 'off') return run();
    this.grouping = 'open';
    try {
      run();
    } finally {
      this.grouping = 'off';
    }
  }

  undo(): boolean {
    const previous = this.undoStack.pop();
    if (previous === undefined) return false;
    this.redoStack.push(this.draft);
    this.draft = previous;
    return true;
  }

  redo(): boolean {
    const next = this.redoStack.pop();
    if (next === undefined) return false;
    this.undoStack.push(this.draft);
    this.draft = next;
    return true;
  }

  notify(): void {
    this.changed();
    for (const l of this.listeners) l();
  }
}
