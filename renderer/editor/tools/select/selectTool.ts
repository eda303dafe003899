import type { StateFactory } from '../../stateNode';
import { SelectIdle } from './idle';
import { SelectPointingShape } from './pointingShape';
import { SelectResizing } from './resizing';
import { SelectTranslating } from './translating';

/** The select tool's states; the first is the rest state. */
export const selectToolStates: readonly StateFactory[] = [SelectIdle, SelectPointingShape, SelectTranslating, SelectResizing];
