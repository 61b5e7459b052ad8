// The header's sync line: a silent or missing network reads as waiting, never as a sync
// still under way and never as the time of a sync that did not happen.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { appMessages } from '../i18n/messages.ts';
import { Header, type HeaderSync } from './Header.tsx';

const hindi = appMessages.hi;

function renderHeader(sync: HeaderSync, pendingChanges = 2) {
  render(
    <Header
      route={{ name: 'cases' }}
      isOnline
      pendingChanges={pendingChanges}
      sync={sync}
      isDemo={false}
      staffName="सुनीता"
      onSwitchLanguage={() => undefined}
      onSignOut={() => undefined}
    />,
  );
  return screen.getByTestId('last-sync').textContent;
}

describe('Header sync line', () => {
  afterEach(cleanup);
  const lastSyncAt = '2026-11-29T06:00:00.000Z';
  /** A run that pushed and pulled, none refused; each test changes what it is about. */
  const afterFullSync: HeaderSync = {
    isRunning: false,
    lastSyncAt,
    lastFullSyncAt: lastSyncAt,
    needsAttention: false,
    refused: 0,
  };

  it('says it is waiting for the network after a run found none, rather than a stale time', () => {
    expect(renderHeader({ ...afterFullSync, isWaitingForNetwork: true })).toBe(
      hindi.waitingForNetwork,
    );
  });

  it('keeps saying it is waiting while a retry after a silent network is under way', () => {
    // On a link that goes quiet each retry runs until its deadline: "Syncing…" would show
    // most of the time, as if the sync were progressing.
    expect(renderHeader({ ...afterFullSync, isRunning: true, isWaitingForNetwork: true })).toBe(
      hindi.waitingForNetwork,
    );
  });

  it('says syncing only while a run is under way, and the last sync once it worked', () => {
    expect(renderHeader({ ...afterFullSync, isRunning: true })).toBe(hindi.syncing);
    cleanup();
    expect(renderHeader(afterFullSync)).toMatch(/^अंतिम सिंक: /);
  });

  it('says all changes are sent only after a run that pushed and pulled, with none refused', () => {
    const pendingLine = () => screen.queryByTestId('pending-changes')?.textContent ?? null;
    // The service worker's push-only run: sent, but nothing brought down yet.
    renderHeader({ ...afterFullSync, lastFullSyncAt: null }, 0);
    expect(pendingLine()).toBeNull();
    cleanup();
    renderHeader(afterFullSync, 0);
    expect(pendingLine()).toBe(hindi.noPendingChanges);
    cleanup();
    renderHeader({ ...afterFullSync, needsAttention: true, refused: 3 }, 0);
    expect(pendingLine()).toBe(hindi.refusedChanges.replace('{n}', '3'));
  });
});
