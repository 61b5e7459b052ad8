// The server as `fetch` sees it when its answers come late, for the tests of what the page
// does with a sync still under way: each request waits until the test answers it, and is
// cancelled as a browser's fetch is, by its signal.
import { expect, vi } from 'vitest';
import { buildNewCase } from '../domain/case.ts';
import { compactFields } from '../domain/compact-fields.ts';
import { formatStamp } from '../domain/hlc.ts';
import { encodeRecords } from '../domain/wire-groups.ts';
import { testStaff } from '../data/case-store.testing.ts';

export interface HeldRequest {
  readonly path: string;
  readonly signal: AbortSignal | null;
  answer(body: unknown): void;
}

/**
 * `fetch` for `paths` only (the others go to `otherwise`): what was asked, in order, with
 * `abort <path>` when a request was cancelled.
 */
export function holdRequests(
  paths: readonly string[],
  otherwise: (url: string, init?: RequestInit) => Promise<Response> = (url) =>
    Promise.reject(new TypeError(`no route ${url}`)),
) {
  const requests: HeldRequest[] = [];
  const events: string[] = [];
  const fetch = (url: string, init?: RequestInit): Promise<Response> => {
    if (!paths.includes(url)) return otherwise(url, init);
    const signal = init?.signal ?? null;
    events.push(`POST ${url}`);
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => {
        events.push(`abort ${url}`);
        reject(signal.reason as Error);
      });
      requests.push({
        path: url,
        signal,
        answer: (body) => resolve(new Response(JSON.stringify(body), { status: 200 })),
      });
    });
  };
  const nextRequest = async (path: string): Promise<HeldRequest> => {
    // The page's sync loads after the first screen: on a busy machine that can pass 1 s.
    await vi.waitFor(() => expect(requests.map((request) => request.path)).toContain(path), {
      timeout: 5000,
    });
    return requests.find((request) => request.path === path)!;
  };
  return { fetch, requests, events, nextRequest };
}

/** A pull page holding one case another tablet of her centre registered. */
export function pageWithAnotherTabletsCase() {
  const id = '0190b000-0000-7000-8000-00000000ca5e';
  const stamp = formatStamp({
    wallMs: Date.now(),
    counter: 0,
    deviceId: '0190a000-0000-7000-8000-0000000000d2',
  });
  const values = buildNewCase({
    id,
    centreId: testStaff.caseworker.centreId,
    caseNumber: 'LKO-2026-AB-0007',
    registeredAt: new Date().toISOString(),
    registeredBy: testStaff.manager.userId,
    arrivalRoute: 'helpline_181',
    survivorName: 'सुनीता देवी',
  });
  const fields = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value, stamp }]),
  );
  const record = {
    recordType: 'case' as const,
    id,
    caseId: id,
    centreId: testStaff.caseworker.centreId,
    ...compactFields(fields),
  };
  return {
    serverTime: new Date().toISOString(),
    groups: encodeRecords([record]),
    cursor: '1',
    hasMore: false,
  };
}

/** Long enough for a run that was not stopped to store a late answer and ask again. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
