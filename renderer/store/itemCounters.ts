import type { Shape } from '../../core/model/shape';
import { ItemTally, type ItemPrelabelSummary } from '../../core/prelabel/itemTally';
import type { PrelabelRun } from '../../core/prelabel/types';

/** What a write owes the project's pre-label counters for one item. */
export interface CounterChange {
  /** What the stored counters hold for the item. */
  before: ItemPrelabelSummary;
  after: ItemPrelabelSummary;
  /** Run records to store with it (their classes may widen a model's scope). */
  runs: PrelabelRun[];
}

/**
 * An open item's share of its project's pre-label counters: the summary the
 * stored counters hold for it (`durable`) and the one its shapes and runs
 * give now (kept per shape change by ItemTally). A write moves the counters
 * from one to the other in the same transaction as the shape rows.
 */
export class ItemCounters {
  private readonly tally: ItemTally;
  private runs: PrelabelRun[];
  private unsavedRuns: PrelabelRun[] = [];
  private durableRevision: number;

  constructor(
    runs: readonly PrelabelRun[],
    shapes: Iterable<Shape>,
    /** As the stored counters hold it (the item's counts row; empty without one). */
    private durable: ItemPrelabelSummary,
  ) {
    this.runs = [...runs];
    this.tally = new ItemTally(this.runs, shapes);
    this.durableRevision = -1;
  }

  shapeChanged(before: Shape | undefined, after: Shape | undefined): void {
    this.tally.shapeChanged(before, after);
  }

  addRun(run: PrelabelRun): void {
    this.runs = [...this.runs.filter((r) => r.runId !== run.runId), run];
    this.unsavedRuns.push(run);
    this.tally.setRuns(this.runs);
  }

  /** The summary the item's shapes and runs give now. */
  current(): ItemPrelabelSummary {
    return this.tally.summary();
  }

  /** The stored summary, for statistics that add open documents' unsaved edits. */
  get stored(): ItemPrelabelSummary {
    return this.durable;
  }

  /** What the next write must apply; null when the counters already hold this item as it is. */
  pending(): (CounterChange & { revision: number }) | null {
    const revision = this.tally.revision;
    if (revision === this.durableRevision && this.unsavedRuns.length === 0) return null;
    const after = this.tally.summary();
    if (this.unsavedRuns.length === 0 && sameSummary(after, this.durable)) {
      this.durableRevision = revision;
      return null;
    }
    return { before: this.durable, after, runs: [...this.unsavedRuns], revision };
  }

  /** The write of `change` committed. */
  written(change: CounterChange & { revision: number }): void {
    this.durable = change.after;
    this.durableRevision = change.revision;
    this.unsavedRuns = this.unsavedRuns.filter((r) => !change.runs.includes(r));
  }

  /** The store rewrote the item's rows and counters itself (import, class remap, recount): they now hold `summary`. */
  storedAs(summary: ItemPrelabelSummary): void {
    this.durable = summary;
    this.durableRevision = -1;
  }
}

export function sameSummary(a: ItemPrelabelSummary, b: ItemPrelabelSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
