/**
 * A list of many rows of one fixed height, of which only the visible ones (and a few
 * either side) are in the DOM: 20,000 cases scroll as smoothly as 20.
 *
 * What must stay true: every row is exactly `rowHeight` pixels tall (the CSS must not let
 * text wrap it taller), because row positions are computed, never measured.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  readonly rows: readonly T[];
  readonly rowHeight: number;
  readonly rowKey: (row: T) => string;
  readonly renderRow: (row: T, index: number) => ComponentChildren;
  /** Rows drawn beyond the visible ones, so a quick flick does not show blank space. */
  readonly overscan?: number;
  readonly label: string;
  readonly testId?: string;
  /** Called when the last rows come into view, so the caller can fetch more. */
  readonly onNearEnd?: () => void;
}

// Until the list has been laid out (and in tests without layout) assume a tablet's screen.
const fallbackViewportPx = 800;

export function VirtualList<T>({
  rows,
  rowHeight,
  rowKey,
  renderRow,
  overscan = 6,
  label,
  testId,
  onNearEnd,
}: VirtualListProps<T>) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(fallbackViewportPx);

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (viewport.clientHeight > 0) setViewportPx(viewport.clientHeight);
    });
    observer.observe(viewport);
    return () => observer.disconnect();
  }, []);

  // A new search starts at the top; more rows of the same search keep her place.
  const firstKey = rows[0] === undefined ? null : rowKey(rows[0]);
  useEffect(() => {
    if (viewportRef.current) viewportRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [firstKey]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewportPx) / rowHeight) + overscan);
  const visible = rows.slice(first, last);
  const isNearEnd = last >= rows.length - overscan;

  useEffect(() => {
    if (isNearEnd) onNearEnd?.();
  }, [isNearEnd, onNearEnd, rows.length]);

  return (
    <div
      ref={viewportRef}
      class="virtual-list"
      role="list"
      aria-label={label}
      data-testid={testId}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div class="virtual-list-spacer" style={{ height: `${rows.length * rowHeight}px` }}>
        <div
          class="virtual-list-window"
          style={{ transform: `translateY(${first * rowHeight}px)` }}
        >
          {visible.map((row, offset) => (
            <div
              key={rowKey(row)}
              role="listitem"
              // Only a window of rows is in the page: each says where it stands in the whole
              // list, so a screen reader counts "3 of 240", not "3 of 20".
              aria-setsize={rows.length}
              aria-posinset={first + offset + 1}
              class="virtual-row"
              style={{ height: `${rowHeight}px` }}
            >
              {renderRow(row, first + offset)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
