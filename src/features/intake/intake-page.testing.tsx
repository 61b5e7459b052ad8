/**
 * For the intake's component tests: the intake screen opened on a fixed morning in India,
 * and the steps a caseworker takes through it (fill a field, pick from a list, Next).
 *
 *   runIntakeTests();
 *   const { container } = await openIntake({ lang: 'en' });
 *   choose(container, 'arrivalRoute', 'police');
 *   await next(intakeMessages.en.stepSurvivor);
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, expect } from 'vitest';
import { runScreenTestsOn } from '../../shell/screen-tests.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { IntakePage } from './IntakePage.tsx';

/** Every test in the file on the screen tests' morning, starting at the intake's address. */
export function runIntakeTests(): void {
  runScreenTestsOn();
  beforeEach(() => history.replaceState(null, '', '/cases/new'));
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
