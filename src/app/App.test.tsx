import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleIntake, type TestStore } from '../data/case-store.testing.ts';
import { demoStaffMembers } from '../data/demo-staff.ts';
import { appMessages } from '../i18n/messages.ts';
import { App } from './App.tsx';
import type { StoreSession } from './open-stores.ts';
import type { Stores } from './stores.ts';
import { createUpdateSignal } from './update-signal.ts';
import { useUnsavedInput } from './unsaved-input.ts';

function sessionOver(
  store: TestStore,
  options: { isChosen: boolean },
): () => Promise<StoreSession> {
  const stores: Stores = {
    caseStore: store.cases,
    draftStore: store.drafts,
    staff: store.staff,
    isDemo: true,
  };
  return () =>
    Promise.resolve({
      stores: options.isChosen ? stores : null,
      demoStaff: demoStaffMembers,
      chooseStaff: () => Promise.resolve(stores),
    });
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

afterEach(cleanup);

describe('app frame', () => {
  it('asks who works on the tablet on first start, then shows the case list with the demo label', async () => {
    const store = await openTestStore();
    render(<App openSession={sessionOver(store, { isChosen: false })} />);
    fireEvent.click(await screen.findByTestId('choose-caseworker'));
    expect(await screen.findByTestId('new-case')).toBeTruthy();
    expect(screen.getByTestId('demo-label').textContent).toBe(appMessages.hi.demo);
  });

  it('counts changes waiting to go up', async () => {
    const store = await openTestStore();
    await store.cases.registerCase(sampleIntake());
    render(<App openSession={sessionOver(store, { isChosen: true })} />);
    const pending = await screen.findByTestId('pending-changes');
    await waitFor(() => expect(pending.textContent).toMatch(/^1 बदलाव|^[2-9]\d* बदलाव/));
  });

  it('switches to English and remembers it', async () => {
    const store = await openTestStore();
    render(<App openSession={sessionOver(store, { isChosen: true })} />);
    fireEvent.click(await screen.findByTestId('language-switch'));
    expect(screen.getByTestId('app-title').textContent).toBe('Sakhi');
    expect(document.documentElement.lang).toBe('en');
    cleanup();
    render(<App openSession={sessionOver(store, { isChosen: true })} />);
    expect(screen.getByTestId('app-title').textContent).toBe('Sakhi');
  });

  it('opens a deep link to a case', async () => {
    const store = await openTestStore();
    const registered = await store.cases.registerCase(sampleIntake({ survivorName: 'गीता' }));
    history.replaceState(null, '', `/cases/${registered.id}`);
    render(<App openSession={sessionOver(store, { isChosen: true })} />);
    expect((await screen.findByTestId('case-name')).textContent).toContain('गीता');
  });

  it('applies an update only on her word, and not while a form holds input', async () => {
    const store = await openTestStore();
    const updates = createUpdateSignal();
    let applied = 0;
    function FormWithInput({ hasInput }: { hasInput: boolean }) {
      useUnsavedInput(hasInput);
      return null;
    }
    const view = render(
      <>
        <App openSession={sessionOver(store, { isChosen: true })} updates={updates} />
        <FormWithInput hasInput />
      </>,
    );
    updates.announce(() => applied++);
    const button = await screen.findByTestId<HTMLButtonElement>('apply-update');
    expect(button.disabled).toBe(true);
    expect(screen.getByText(appMessages.hi.updateWaitForForm)).toBeTruthy();
    fireEvent.click(button);
    expect(applied).toBe(0);

    view.rerender(
      <>
        <App openSession={sessionOver(store, { isChosen: true })} updates={updates} />
        <FormWithInput hasInput={false} />
      </>,
    );
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('apply-update').disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId('apply-update'));
    expect(applied).toBe(1);
  });
});
