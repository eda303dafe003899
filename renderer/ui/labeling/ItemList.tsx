import type { ItemStatus } from '../../../core/model/item';
import type { ItemSummary } from '../../store/labelStore';
import { itemDisplayName } from '../../sync/hubItemNames';
import type { QueueOrder } from './useItemQueue';
import { plural } from '../words/plural';

export type StatusFilter = ItemStatus | 'all';

const FILTERS: { id: StatusFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'new', label: 'New' },
  { id: 'in_progress', label: 'In progress' },
  { id: 'done', label: 'Done' },
];

const STATUS_TEXT: Record<ItemStatus, string> = { new: 'new', in_progress: 'in progress', done: 'done' };

interface Props {
  items: readonly ItemSummary[];
  currentId: string | null;
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  order: QueueOrder;
  onOrder: (order: QueueOrder) => void;
  onOpen: (item: ItemSummary) => void;
  /** Pre-label failures by item id: the row is marked with the reason. */
  failures: ReadonlyMap<string, string>;
  picked: ReadonlySet<string>;
  /** Ctrl/⌘+click: pick the item for a pre-label run instead of opening it. */
  onPick: (item: ItemSummary) => void;
}

export function ItemList({ items, currentId, filter, onFilter, order, onOrder, onOpen, failures, picked, onPick }: Props) {
  return (
    <>
      <div className="segmented" role="group" aria-label="Filter items by status" data-testid="status-filter">
        {FILTERS.map((f) => (
          <button key={f.id} aria-pressed={filter === f.id} data-filter={f.id} onClick={() => onFilter(f.id)}>
            {f.label}
          </button>
        ))}
      </div>
      <div className="row" style={{ margin: '0 12px 6px', gap: 6 }}>
        <span className="hint">Order</span>
        <select className="grow" data-testid="order-select" value={order} onChange={(e) => onOrder(e.currentTarget.value as QueueOrder)}>
          <option value="plain">Plain</option>
          <option value="uncertain">Most uncertain first</option>
        </select>
      </div>
      <div className="item-list" data-testid="item-list" role="listbox" aria-label="Items" aria-multiselectable>
        {items.map((item) => {
          const failure = failures.get(item.id);
          return (
            <button
              key={item.id}
              className="item-row"
              role="option"
              aria-selected={item.id === currentId}
              data-testid="item-row"
              data-status={item.status}
              data-rel-path={item.relPath}
              data-selected={item.id === currentId ? 'true' : 'false'}
              data-picked={picked.has(item.id) ? 'true' : 'false'}
              data-prelabel-error={failure}
              ref={item.id === currentId ? scrollIntoViewIfNeeded : undefined}
              onClick={(e) => (e.ctrlKey || e.metaKey ? onPick(item) : onOpen(item))}
              title={itemTitle(item, failure)}
            >
              <span className={`status-dot ${item.status}`} aria-label={STATUS_TEXT[item.status]} />
              {item.kind === 'video' && (
                <span className="video-badge" data-testid="item-video-badge" aria-label="video" title={`Video, ${item.video?.frameCount ?? '?'} frames`}>
                  ▦ {item.video?.frameCount ?? '?'}
                </span>
              )}
              <span className="name">{itemDisplayName(item)}</span>
              {failure && (
                <span className="fail" data-testid="item-prelabel-error" title={`Pre-label failed: ${failure}`}>
                  ⚠
                </span>
              )}
              <span className="stat">{item.shapeCount}</span>
            </button>
          );
        })}
        {items.length === 0 && <div className="hint" style={{ padding: '8px 12px' }}>No items with this status.</div>}
      </div>
    </>
  );
}

function scrollIntoViewIfNeeded(el: HTMLElement | null): void {
  el?.scrollIntoView({ block: 'nearest' });
}

/** The row's tooltip: name, status and box count; the stored path only when it is not the name shown (a hub item's hash). */
function itemTitle(item: ItemSummary, failure: string | undefined): string {
  const name = itemDisplayName(item);
  const lines = [`${name} — ${STATUS_TEXT[item.status]}, ${plural(item.shapeCount, 'box', 'boxes')}`];
  if (item.relPath !== name) lines.push(item.relPath);
  if (failure) lines.push(`Pre-label failed: ${failure}`);
  return lines.join('\n');
}
