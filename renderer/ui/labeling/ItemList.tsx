import type { ItemStatus } from '../../../core/model/item';
import type { ItemSummary } from '../../store/labelStore';

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
  onOpen: (item: ItemSummary) => void;
}

export function ItemList({ items, currentId, filter, onFilter, onOpen }: Props) {
  return (
    <>
      <div className="segmented" role="group" aria-label="Filter items by status" data-testid="status-filter">
        {FILTERS.map((f) => (
          <button key={f.id} aria-pressed={filter === f.id} data-filter={f.id} onClick={() => onFilter(f.id)}>
            {f.label}
          </button>
        ))}
      </div>
      <div className="item-list" data-testid="item-list" role="listbox" aria-label="Items">
        {items.map((item) => (
          <button
            key={item.id}
            className="item-row"
            role="option"
            aria-selected={item.id === currentId}
            data-testid="item-row"
            data-status={item.status}
            data-rel-path={item.relPath}
            data-selected={item.id === currentId ? 'true' : 'false'}
            ref={item.id === currentId ? scrollIntoViewIfNeeded : undefined}
            onClick={() => onOpen(item)}
            title={`${item.relPath} — ${STATUS_TEXT[item.status]}, ${item.shapeCount} boxes`}
          >
            <span className={`status-dot ${item.status}`} aria-label={STATUS_TEXT[item.status]} />
            <span className="name">{item.relPath}</span>
            <span className="stat">{item.shapeCount}</span>
          </button>
        ))}
        {items.length === 0 && <div className="hint" style={{ padding: '8px 12px' }}>No items with this status.</div>}
      </div>
    </>
  );
}

function scrollIntoViewIfNeeded(el: HTMLElement | null): void {
  el?.scrollIntoView({ block: 'nearest' });
}
