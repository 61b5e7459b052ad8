/**
 * Steps for the slow-link test and benchmark: what the tablet stored about its syncs, and a
 * day's work saved while offline so that going online starts one sync run with all of it.
 *
 *   await recordDaysWork(page, { cases: 3, notes: 20 });   // offline, through the screens
 *   const before = await readLastSyncAt(page);
 *   await browser.context.setOffline(false);                // the `online` event syncs
 *   await waitForSyncAfter(page, before);
 */
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { field, pollUntil, registerCase } from './case-register-steps.ts';
import { readLastSyncAt } from './tablet-meta.ts';

// The slow-link bench reads it from here, with the other steps.
export { readLastSyncAt };

/** Waits until a sync run finished after the one stored as `before`; returns when it did. */
export async function waitForSyncAfter(
  page: Page,
  before: string | null,
  timeoutMs: number,
): Promise<void> {
  await pollUntil(
    () => readLastSyncAt(page),
    (at) => at !== null && at !== before,
    'a finished sync',
    timeoutMs,
  );
}

/** On the case page: a note, and the entry the page shows for it. */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('action-note').click();
  await field(page.getByTestId('note-form'), 'text').fill(text);
  await page.getByTestId('note-form-save').click();
  await page.getByTestId('entry-note').filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

/**
 * A centre's day, saved with the network off: `cases` new cases through the intake, and
 * `notes` notes spread over them. Returns the cases' ids and the notes' texts.
 */
export async function recordDaysWork(
  page: Page,
  context: BrowserContext,
  work: { readonly cases: number; readonly notes: number; readonly tag: string },
): Promise<{ caseIds: string[]; noteTexts: string[] }> {
  await context.setOffline(true);
  const caseIds: string[] = [];
  const noteTexts: string[] = [];
  for (let index = 0; index < work.cases; index++) {
    caseIds.push(await registerCase(page, { name: `सुनीता ${work.tag} ${index + 1}` }));
    const notesHere = Math.ceil((work.notes - noteTexts.length) / (work.cases - index));
    for (let note = 0; note < notesHere; note++) {
      const text = `${work.tag} नोट ${noteTexts.length + 1}: फ़ोन पर बात हुई, वह सुरक्षित है।`;
      await addNote(page, text);
      noteTexts.push(text);
    }
  }
  return { caseIds, noteTexts };
}

/**
 * The bytes of each answer's header (status line to the blank line) as the server sends it,
 * brotli accepted as a browser does: headers cross a 2G link uncompressed, once per file.
 * Asked directly of the server, not through the shaped link.
 */
export async function measureHeaderBytes(
  serverUrl: string,
  paths: readonly string[],
): Promise<{ path: string; status: number; bytes: number }[]> {
  const { hostname, port, host } = new URL(serverUrl);
  const ask = (path: string) =>
    new Promise<{ path: string; status: number; bytes: number }>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.destroy();
        resolve({ path, status: Number(received.subarray(9, 12).toString()), bytes: end + 4 });
      });
      socket.on('error', reject);
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAccept-Encoding: br, gzip\r\n\r\n`);
    });
  const answers = [];
  for (const path of paths) answers.push(await ask(path));
  return answers;
}

/** One of each kind of answer a first visit gets, from the built app in `distDir`. */
export function firstVisitAnswerKinds(distDir: string): string[] {
  const assets = readdirSync(join(distDir, 'assets'));
  const firstOf = (type: string) => assets.find((name) => name.endsWith(type));
  return [
    '/',
    '/sw.js',
    `/assets/${firstOf('.js') ?? 'missing.js'}`,
    `/assets/${firstOf('.css') ?? 'missing.css'}`,
    '/boot.css',
    '/icon-192.png',
    '/manifest.webmanifest',
    '/api/health',
  ];
}
