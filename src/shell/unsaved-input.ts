// Which open forms hold input not yet saved as a record. The update banner waits while any
// does: an update reloads the page, and she should never see her form vanish under her
// hands (even though the draft would bring it back).
import { useEffect, useState } from 'preact/hooks';

const formsWithInput = new Set<symbol>();
const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((listener) => listener());
}

/** A form calls this with whether it holds unsaved input. */
export function useUnsavedInput(hasInput: boolean): void {
  const [token] = useState(() => Symbol('form'));
  useEffect(() => {
    if (hasInput) formsWithInput.add(token);
    else formsWithInput.delete(token);
    notify();
    return () => {
      formsWithInput.delete(token);
      notify();
    };
  }, [hasInput, token]);
}

export function useHasUnsavedInput(): boolean {
  const [hasInput, setHasInput] = useState(formsWithInput.size > 0);
  useEffect(() => {
    const update = () => setHasInput(formsWithInput.size > 0);
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return hasInput;
}
