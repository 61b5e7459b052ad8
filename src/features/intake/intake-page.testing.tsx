/**
 * For the intake's component tests: the intake screen opened on a fixed morning in India,
 * and the steps a caseworker takes through it (fill a field, pick from a list, Next).
 *
 *   beforeEach(startIntakeTest);
 *   afterEach(endIntakeTest);
 *   const { container } = await openIntake({ lang: 'en' });
 *   choose(container, 'arrivalRoute', 'police');
 *   await next(intakeMessages.en.stepSurvivor);
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { expect, vi } from 'vitest';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { IntakePage } from './IntakePage.tsx';

/** Only Date is fake: timers stay real, so the draft's save delay and Dexie still run. */
export function startIntakeTest(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-10T05:00:00.000Z'));
  history.replaceState(null, '', '/cases/new');
}

export function endIntakeTest(): void {
  cleanup();
  vi.useRealTimers();
}

/** The intake screen, rendered and showing its first step. */
export async function openIntake(options: Parameters<typeof renderScreen>[1] = {}) {
  const rendered = await renderScreen(<IntakePage />, options);
  await screen.findByTestId('step-title');
  return rendered;
}

export function field(container: ParentNode, name: string): HTMLInputElement {
  const element = container.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no field named ${name}`);
  return element;
}

/** Types `value` into a text field, as one input event. */
export function type(container: ParentNode, name: string, value: string): void {
  fireEvent.input(field(container, name), { target: { value } });
}

/** Picks `value` in a list (or a date field). */
export function choose(container: ParentNode, name: string, value: string): void {
  fireEvent.change(field(container, name), { target: { value } });
}

/** Presses Next and waits for the step called `title`. */
export async function next(title: string): Promise<void> {
  fireEvent.click(screen.getByTestId('intake-next'));
  await waitFor(() => expect(screen.getByTestId('step-title').textContent).toBe(title));
}
