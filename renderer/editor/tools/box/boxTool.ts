import type { StateFactory } from '../../stateNode';
import { BoxDrawing } from './drawing';
import { BoxIdle } from './idle';

export const boxToolStates: readonly StateFactory[] = [BoxIdle, BoxDrawing];
