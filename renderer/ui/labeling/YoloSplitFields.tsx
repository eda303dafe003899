import type { SplitOptions } from '../../../core/formats/shared/seededSplit';

const DEFAULT_SPLIT: SplitOptions = { valPercent: 20, seed: 42 };

/** Optional train/val split for a YOLO export: off (train and val read the same images), or a val share and a seed. */
export function YoloSplitFields({ value, onChange }: { value: SplitOptions | null; onChange: (value: SplitOptions | null) => void }) {
  const number = (raw: string, min: number, max: number, fallback: number) => {
    const n = Math.round(Number(raw));
    return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  };
  return (
    <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
      <label className="row" style={{ gap: 6 }}>
        <input type="checkbox" data-testid="export-split-toggle" checked={value !== null} onChange={(e) => onChange(e.target.checked ? DEFAULT_SPLIT : null)} /> Split into train / val
      </label>
      {value && (
        <>
          <label className="field">
            <span>Val %</span>
            <input type="number" min={1} max={99} data-testid="export-split-val-percent" value={value.valPercent} onChange={(e) => onChange({ ...value, valPercent: number(e.target.value, 1, 99, value.valPercent) })} />
          </label>
          <label className="field" title="The same seed gives the same split every time">
            <span>Seed</span>
            <input type="number" min={0} data-testid="export-split-seed" value={value.seed} onChange={(e) => onChange({ ...value, seed: number(e.target.value, 0, 2 ** 32 - 1, value.seed) })} />
          </label>
        </>
      )}
      {!value && <span className="hint">Without a split, train and val both read all images.</span>}
    </div>
  );
}
