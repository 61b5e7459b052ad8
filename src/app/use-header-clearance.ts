import { useEffect, useRef } from 'preact/hooks';

/**
 * Keeps what gets focus clear of the sticky header. The browser scrolls a focused field
 * (a form's first field, a step's heading) just into view — by default to the top edge,
 * where the header covers it. Scroll padding the header's height tells the browser where
 * the visible page starts; the header's height changes (a wrapped status line, a phone's
 * width), so it is measured, not guessed.
 */
export function useHeaderClearance<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const header = ref.current;
    if (!header || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingTop = `${Math.ceil(header.getBoundingClientRect().height) + 8}px`;
    });
    observer.observe(header);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingTop = '';
    };
  }, []);
  return ref;
}
