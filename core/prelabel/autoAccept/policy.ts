/**
 * The user's auto-accept policy for a project (saved in the store setting
 * `prelabel:<projectId>`, field `autoAccept`). See README.md in this folder.
 */
export interface AutoAcceptPolicy {
  /** Off: every pre-label waits for a human, as before. */
  enabled: boolean;
  /** The precision auto-accepted predictions must have (0 < t < 1), e.g. 0.95. */
  targetPrecision: number;
  /** How sure the lower bound must be (one-sided, 0 < c < 1), e.g. 0.9. */
  confidence: number;
  /** Share of would-be auto-accepted predictions still sent to a human as an audit (0 < r ≤ 1). */
  auditRate: number;
  /** Fewest reviewed predictions at or above a threshold before it may be chosen (integer ≥ 1). */
  minReviewed: number;
}

export const DEFAULT_AUTO_ACCEPT: AutoAcceptPolicy = { enabled: false, targetPrecision: 0.95, confidence: 0.9, auditRate: 0.1, minReviewed: 30 };

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const open01 = (v: unknown, fallback: number) => (isNumber(v) && v > 0 && v < 1 ? v : fallback);

/** A saved value of any age read back as a complete policy: a missing or out-of-range field takes the default. */
export function readAutoAcceptPolicy(raw: unknown): AutoAcceptPolicy {
  const saved = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof AutoAcceptPolicy, unknown>>;
  const d = DEFAULT_AUTO_ACCEPT;
  return {
    enabled: typeof saved.enabled === 'boolean' ? saved.enabled : d.enabled,
    targetPrecision: open01(saved.targetPrecision, d.targetPrecision),
    confidence: open01(saved.confidence, d.confidence),
    auditRate: isNumber(saved.auditRate) && saved.auditRate > 0 && saved.auditRate <= 1 ? saved.auditRate : d.auditRate,
    minReviewed: isNumber(saved.minReviewed) && Number.isInteger(saved.minReviewed) && saved.minReviewed >= 1 ? saved.minReviewed : d.minReviewed,
  };
}
