/**
 * Bounds of a task's terms that the request schema itself enforces (the
 * hub's `tasks/taskLimits.ts` re-exports them beside the budget cap and
 * explains the rest).
 */

/** core/consensus decides among k submissions; above 15, a task only costs more for the same decision. */
export const MAX_REDUNDANCY = 15;
/** Instructions are markdown text, in UTF-8 bytes. */
export const MAX_INSTRUCTIONS_BYTES = 20_000;
export const MAX_EXAMPLES = 20;
