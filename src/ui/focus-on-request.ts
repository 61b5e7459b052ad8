/**
 * Focus moved where a form asks, in the same task as the screen it asks for appears.
 *
 * Why a layout effect, not an effect: Preact runs effects after paint, so on a slow tablet
 * a key she presses as a new step appears (a Tab, a letter) lands first, and the late
 * focus then takes it back: the letter goes to the heading, the Tab is undone. A layout
 * effect runs before the browser paints or takes her next key.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * Returns `requestFocus`; after the render that follows each call, the element `target`
 * returns then gets focus (none, if it returns nothing). Of several in one component asked
 * at once, the one declared last wins, as it focuses last.
 */
export function useFocusOnRequest(target: () => HTMLElement | null | undefined): () => void {
  const [request, setRequest] = useState(0);
  const targetRef = useRef(target);
  targetRef.current = target;
  useLayoutEffect(() => {
    if (request > 0) targetRef.current()?.focus();
  }, [request]);
  return useCallback(() => setRequest((count) => count + 1), []);
}

/**
 * The first control within `form` to be corrected, in the order she reads them: a field
 * marked `aria-invalid`, or the first choice of a question to tick that is not answered
 * (its fieldset carries the error, VocabularySelect.tsx).
 */
export function firstInvalidControl(form: HTMLElement | null): HTMLElement | null {
  return form?.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input') ?? null;
}
