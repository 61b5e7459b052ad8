import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualList } from './VirtualList.tsx';

afterEach(cleanup);

const rows = Array.from({ length: 20_000 }, (_, index) => ({
  id: `case-${index}`,
  name: `Case ${index}`,
}));

describe('VirtualList', () => {
  it('renders only the rows in view of 20,000, and the ones scrolled to', () => {
    render(
      <VirtualList
        rows={rows}
        rowHeight={80}
        rowKey={(row) => row.id}
        label="cases"
        testId="list"
        renderRow={(row) => <span>{row.name}</span>}
      />,
    );
    const list = screen.getByTestId('list');
    const shown = screen.getAllByRole('listitem');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    expect(screen.getByText('Case 0')).toBeTruthy();

    list.scrollTop = 80 * 10_000;
    fireEvent.scroll(list);
    expect(screen.getByText('Case 10000')).toBeTruthy();
    expect(screen.queryByText('Case 0')).toBeNull();
    // A list (not a grid) takes no row count: each item says where it stands in the whole.
    expect(list.hasAttribute('aria-rowcount')).toBe(false);
    const item = screen.getByText('Case 10000').closest('[role="listitem"]');
    expect(item?.getAttribute('aria-setsize')).toBe('20000');
    expect(item?.getAttribute('aria-posinset')).toBe('10001');
    expect(screen.getAllByRole('listitem').length).toBeLessThan(40);
  });

  it('asks for more rows when the end comes into view', () => {
    let asked = 0;
    render(
      <VirtualList
        rows={rows.slice(0, 5)}
        rowHeight={80}
        rowKey={(row) => row.id}
        label="cases"
        renderRow={(row) => row.name}
        onNearEnd={() => asked++}
      />,
    );
    expect(asked).toBeGreaterThan(0);
  });
});
