import type { ToolContext, ToolPointer } from './toolContext';
import type { ToolId } from './types';

/**
 * One state of a tool (tldraw-style): it reacts to input and moves the tool
 * to another state. Each state lives in its own file.
 */
export abstract class StateNode {
  abstract readonly id: string;
  /** True while a gesture is under way: Esc cancels it, and other edits cancel it first. */
  readonly isGesture: boolean = false;

  constructor(
    protected readonly ctx: ToolContext,
    protected readonly machine: ToolMachine,
  ) {}

  onEnter(_info: unknown): void {}
  onExit(): void {}
  onPointerDown(_e: ToolPointer): void {}
  onPointerMove(_e: ToolPointer): void {}
  onPointerUp(_e: ToolPointer): void {}
  /** Esc or an interruption: drop the preview and go back to rest, leaving the store untouched. */
  onCancel(): void {}
  /** Cursor while this state is active and nothing more specific applies. */
  cursor(): string {
    return 'default';
  }
}

export type StateFactory = new (ctx: ToolContext, machine: ToolMachine) => StateNode;

/** A tool: a set of states, one current. */
export class ToolMachine {
  private readonly states = new Map<string, StateNode>();
  private currentState: StateNode;

  constructor(
    readonly id: ToolId,
    ctx: ToolContext,
    factories: readonly StateFactory[],
    private readonly onChange: () => void,
  ) {
    for (const F of factories) {
      const s = new F(ctx, this);
      this.states.set(s.id, s);
    }
    const first = this.states.values().next().value;
    if (!first) throw new Error(`tool ${id} has no states`);
    this.currentState = first;
  }

  get current(): StateNode {
    return this.currentState;
  }

  /** Dotted path, e.g. 'select.translating'. */
  get path(): string {
    return `${this.id}.${this.currentState.id}`;
  }

  transition(stateId: string, info?: unknown): void {
    const next = this.states.get(stateId);
    if (!next) throw new Error(`tool ${this.id} has no state "${stateId}"`);
    this.currentState.onExit();
    this.currentState = next;
    next.onEnter(info);
    this.onChange();
  }

  /** Back to the first (rest) state, cancelling any gesture. */
  reset(): void {
    if (this.currentState.isGesture) this.currentState.onCancel();
    const first = this.states.values().next().value!;
    if (this.currentState !== first) this.transition(first.id);
  }
}
