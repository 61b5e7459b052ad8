// A silent link never hangs sync. The tablet reaches the real server through a shaped link
// (tests/support/throttle-proxy.ts) that is lost three ways while a note saved offline goes
// up: (a) silent after the push reached the server and was stored, before its answer
// crosses; (b) silent before the push reaches the server; (c) a reset instead of the
// answer. Each time the link comes back, the sync finishes well within a minute of the
// network returning, the note is on the server once, and a second tablet sees each note
// once. While the link is silent the header says it is waiting for the network, not
// "Syncing…". The app's own deadlines and back-off are what is under test: nothing here
// shortens them. The connections the browser kept open when the link went silent stay dead
// (the proxy never revives them), as when a tower drops a tablet: before this test, each
// retry was handed one of them and waited out another deadline (src/sync/kept-connections.ts).
// SAKHI_LINK_LOG=1 prints the link's connection log after each recovery.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { readStoredFields } from '../server/db/sync-record-fields.ts';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { appMessages } from '../src/i18n/messages.ts';
import { defaultRequestDeadlines } from '../src/sync/request-deadline.ts';
import {
  countOutboxRows,
  pollUntil,
  registerCase,
  signIn,
  unlockWithPin,
  waitForControllingWorker,
} from './support/case-register-steps.ts';
import { launchTablet, type Tablet } from './support/open-app.ts';
import { showScreenOnFailure } from './support/screen-on-failure.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { addNote, readLastSyncAt, waitForSyncAfter } from './support/slow-link-steps.ts';
import { startThrottleProxy, type ThrottleProxy } from './support/throttle-proxy.ts';

/** Far faster than 2G so the file stays short: what is lost, and when, is what matters here. */
const link = { downKbitPerSecond: 8_000, upKbitPerSecond: 4_000, roundTripMs: 100 };
/** The promise: a silent connection recovered within a minute of the network's return. */
const recoveryLimitMs = 60_000;
/**
 * One deadline waited out, then a retry. A recovery that took longer waited out a second
 * deadline on a connection that was dead before it was used.
 */
const oneDeadlineLimitMs = 2 * defaultRequestDeadlines.firstByteMs;
const { waitingForNetwork } = appMessages.hi;
const lastSyncPrefix = appMessages.hi.lastSync.replace('{time}', '');
/** The page's push and the service worker's sealed one: whichever carries the note. */
const pushPath = /^\/api\/sync\/(sealed-)?push/;

describe('a silent link never hangs sync', () => {
  let server: TestServer;
  let proxy: ThrottleProxy;
  let tablet: Tablet;
  /** The centre's manager, on a tablet of her own that reaches the server directly. */
  let second: Tablet;
  let caseId: string;
  const notes: string[] = [];
  const problems: string[] = [];
  showScreenOnFailure(() => tablet?.page);

  const page = (): Page => tablet.page;

  /** Notes on the server with this text, each as the server stored it. */
  const serverNotes = async (text: string) => {
    const rows = await server.database.db
      .withTables<SyncTables>()
      .selectFrom('sync_records')
      .select(['id', 'fields'])
      .where('case_id', '=', caseId)
      .where('record_type', '=', 'note')
      .execute();
    return rows.filter((row) => readStoredFields(row.fields).text?.value === text);
  };

  const headerSyncLine = async () =>
    (await page().getByTestId('last-sync').textContent({ timeout: 10_000 }))?.trim() ?? '';

  /** From now on, every text the header's sync line shows, in order, none missed. */
  const recordHeaderSyncLines = async (): Promise<() => Promise<string[]>> => {
    await page().evaluate(() => {
      const seen: string[] = [];
      const read = () => {
        const line = document.querySelector('[data-testid="last-sync"]')?.textContent?.trim();
        if (line && line !== seen.at(-1)) seen.push(line);
      };
      read();
      const watcher = new MutationObserver(read);
      watcher.observe(document.body, { subtree: true, childList: true, characterData: true });
      (globalThis as { shownSyncLines?: string[] }).shownSyncLines = seen;
    });
    return () =>
      page().evaluate(() => [
        ...((globalThis as { shownSyncLines?: string[] }).shownSyncLines ?? []),
      ]);
  };

  /** A note saved with the network off: in the outbox, on no server yet. */
  const saveNoteOffline = async (text: string) => {
    await tablet.browser.context.setOffline(true);
    await addNote(page(), text);
    notes.push(text);
    expect(await countOutboxRows(page())).toBeGreaterThan(0);
    expect(await serverNotes(text)).toEqual([]);
  };

  /** The network back on the tablet: the `online` event starts a run (and the worker's push). */
  const networkBack = async () => {
    const from = Date.now();
    await tablet.browser.context.setOffline(false);
    return from;
  };

  /** Until a run started after `before` has finished, then: nothing waits, the note is there once. */
  const expectRecovered = async (before: string | null, from: number, text: string) => {
    try {
      await waitForSyncAfter(page(), before, recoveryLimitMs - (Date.now() - from));
      await pollUntil(
        () => countOutboxRows(page()),
        (rows) => rows === 0,
        'the outbox to empty',
        10_000,
      );
    } catch (error) {
      console.log(`The link's connections:\n${proxy.connectionLog().join('\n')}`);
      throw error;
    }
    const recoveredMs = Date.now() - from;
    if (process.env.SAKHI_LINK_LOG) console.log(proxy.connectionLog().join('\n'));
    expect(recoveredMs).toBeLessThan(recoveryLimitMs);
    expect(await serverNotes(text)).toHaveLength(1);
    return recoveredMs;
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    proxy = await startThrottleProxy(new URL(server.url), link);
    // Both at once, so the file stays short; each screen may then take long on a busy machine.
    const openSignedIn = async (url: string, username: string) => {
      const opened = await launchTablet({ problems });
      await opened.page.goto(url);
      await signIn(opened.page, { username, password: DEMO_PASSWORD }, 90_000);
      // Its Background Sync pushes too, when the network comes back.
      await waitForControllingWorker(opened.page);
      return opened;
    };
    [tablet, second] = await Promise.all([
      openSignedIn(proxy.url, 'lko.caseworker'),
      openSignedIn(server.url, 'lko.manager'),
    ]);
    caseId = await registerCase(page(), { name: 'कमला देवी' });
    await pollUntil(
      () => countOutboxRows(page()),
      (rows) => rows === 0,
      'the new case to reach the server',
    );
  });

  afterAll(async () => {
    await tablet?.browser.close();
    await second?.browser.close();
    await proxy?.close();
    await server?.close();
  });

  it('(a) stored, then silent before the answer: repeated once the link is back, kept once', async () => {
    const text = 'चुप नेटवर्क (क): जवाब रास्ते में खो गया।';
    await saveNoteOffline(text);
    const before = await readLastSyncAt(page());
    proxy.cutSilentlyOnNextAnswer(pushPath);
    const from = await networkBack();
    // The push arrived and was stored; its answer never crossed.
    await pollUntil(
      () => serverNotes(text),
      (rows) => rows.length === 1,
      'the push stored',
      20_000,
    );
    await pollUntil(async () => proxy.isSilent(), Boolean, 'the link to go silent', 5_000);
    expect(await countOutboxRows(page())).toBeGreaterThan(0);
    await page().waitForTimeout(10_000);
    proxy.restore();
    const recoveredMs = await expectRecovered(before, from, text);
    expect(recoveredMs).toBeLessThan(oneDeadlineLimitMs);
    console.log(`(a) recovered ${(recoveredMs / 1000).toFixed(1)} s after the network came back`);
  }, 90_000);

  it('(b) silent before the push arrives: the header waits for the network, then it goes up', async () => {
    const text = 'चुप नेटवर्क (ख): अनुरोध पहुँचा ही नहीं।';
    await saveNoteOffline(text);
    const before = await readLastSyncAt(page());
    // Offline, the save's run found no network: the header waits for it.
    await pollUntil(headerSyncLine, (line) => line === waitingForNetwork, 'the waiting line');
    proxy.cutSilently();
    const logFrom = proxy.connectionLog().length;
    const shownLines = await recordHeaderSyncLines();
    const from = await networkBack();
    // The link stays silent until the first try has been given up at its deadline: every
    // try, and the wait between them, reads as waiting for the network, never "Syncing…".
    await pollUntil(
      async () => proxy.connectionLog().slice(logFrom).join('\n'),
      (log) => {
        const lost = /#(\d+) POST \/api\/sync\/(sealed-)?push \(lost in the silence\)/.exec(log);
        return lost !== null && log.includes(`#${lost[1]} closed (silent)`);
      },
      'the first try given up',
      40_000,
    );
    expect(await shownLines()).toEqual([waitingForNetwork]);
    expect(await serverNotes(text)).toEqual([]);
    proxy.restore();
    const recoveredMs = await expectRecovered(before, from, text);
    expect(recoveredMs).toBeLessThan(oneDeadlineLimitMs);
    await pollUntil(headerSyncLine, (line) => line.startsWith(lastSyncPrefix), 'the sync time');
    console.log(`(b) recovered ${(recoveredMs / 1000).toFixed(1)} s after the network came back`);
  }, 90_000);

  it('(c) stored, then a reset instead of the answer: repeated, kept once', async () => {
    const text = 'चुप नेटवर्क (ग): जवाब की जगह रीसेट।';
    await saveNoteOffline(text);
    const before = await readLastSyncAt(page());
    proxy.cutWithResetOnNextAnswer(pushPath);
    const from = await networkBack();
    const recoveredMs = await expectRecovered(before, from, text);
    expect(proxy.connectionLog().some((line) => / reset \(/.test(line))).toBe(true);
    console.log(`(c) recovered ${(recoveredMs / 1000).toFixed(1)} s after the network came back`);
  }, 90_000);

  it('shows each note once on a second tablet of the centre', async () => {
    const before = await readLastSyncAt(second.page);
    await second.browser.context.setOffline(true);
    await second.browser.context.setOffline(false);
    await waitForSyncAfter(second.page, before, 30_000);
    await second.page.goto(new URL(`/cases/${caseId}`, server.url).href);
    await unlockWithPin(second.page);
    const shownNotes = second.page.getByTestId('entry-note');
    for (const text of notes) {
      await shownNotes.filter({ hasText: text }).first().waitFor();
      expect(await shownNotes.filter({ hasText: text }).count()).toBe(1);
    }
    expect(await shownNotes.count()).toBe(notes.length);
  }, 60_000);
});
