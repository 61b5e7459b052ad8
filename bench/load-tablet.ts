/**
 * One tablet of the load bench: signs in as a real tablet does (password, device key,
 * its own address as a proxy would report it), then syncs a centre's day — a few new
 * cases and notes on them — and pulls, through the real engine and HTTP transport
 * (bench/sakhi-tablet.ts). Every answer's time goes to the shared `LoadLog`.
 */
import { randomUUID } from 'node:crypto';
import { signInResponseSchema } from '../src/domain/auth-protocol.ts';
import { formatStamp } from '../src/domain/hlc.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import type { Mutation, PulledRecord } from '../src/domain/protocol.ts';
import type { SyncActor } from '../server/services/sync-scope.ts';
import {
  newCaseMutation,
  newNoteMutation,
  registerCaseNumberIssuer,
} from '../tests/support/sync-fixture.ts';
import { signedDeviceFields } from '../tests/support/device-keys.ts';
import { LOAD_PASSWORD, type LoadStaff } from './load-staff.ts';
import { benchTablet, type BenchTablet } from './sakhi-tablet.ts';

export const CASES_PER_DAY = 3;
export const NOTES_PER_DAY = 20;
/** Far past a sign-in's slow hash, even with 200 of them queued on two cores. */
const SIGN_IN_DEADLINE_MS = 60_000;

/**
 * Records and mutations get their ids as a tablet gives them (src/platform/ids.ts): UUIDv7,
 * ordered by time, so a day's new rows go to the end of each index keyed by id. Random
 * ids (the tests' fixture default) would put every row in a page of its own in each such
 * index, ~3 pages written per mutation: a server the tablets never make.
 */
const newTabletId = () => uuidv7();

export interface LoadLog {
  /** Each answer: route, milliseconds to the whole answer, HTTP status. */
  readonly answer: (route: string, ms: number, status: number) => void;
  /** A sync that failed (thrown), with what it was doing. */
  readonly failure: (what: string, error: unknown) => void;
  /** Each pulled page: how many records, and how many of them this tablet itself wrote. */
  readonly pulled: (records: number, ownWrites: number) => void;
}

export interface LoadTablet {
  /** Pushes one day's work and pulls; resolves to the mutations the server acknowledged. */
  syncDay(): Promise<number>;
}

export async function signInLoadTablet(
  serverUrl: string,
  staff: LoadStaff,
  address: string,
  log: LoadLog,
  /** The tablets' fetch (bench/node-http-fetch.ts); Node's own when undefined. */
  tabletFetch?: typeof fetch,
): Promise<LoadTablet> {
  const deviceId = randomUUID();
  const headers = { 'x-forwarded-for': address };
  const started = performance.now();
  const response = await fetch(`${serverUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      username: staff.username,
      password: LOAD_PASSWORD,
      ...signedDeviceFields(staff.username, deviceId),
    }),
    // A sign-in never answered would otherwise keep the whole run waiting, silently.
    signal: AbortSignal.timeout(SIGN_IN_DEADLINE_MS),
  });
  const body: unknown = await response.json();
  log.answer('/api/auth/sign-in', performance.now() - started, response.status);
  if (!response.ok) throw new Error(`sign-in of ${staff.username}: ${response.status}`);
  const session = signInResponseSchema.parse(body);
  const actor: SyncActor = {
    userId: session.user.id,
    deviceId,
    role: session.user.role,
    centreId: session.centre!.id,
  };
  const tablet = benchTablet(serverUrl, actor, {
    session: { token: session.token, headers },
    onAnswer: log.answer,
    fetch: tabletFetch,
  });
  let counter = 0;
  let caseNumber = 0;
  const stamp = () => formatStamp({ wallMs: Date.now(), counter: counter++ % 1000, deviceId });
  const tag = session.device.tag;
  /**
   * The records this tablet wrote: a pull brings each back when it is the last change to
   * the record, though the tablet already holds that very state.
   */
  const written = new Set<string>();
  // The fixture's new case takes its default number from here; the day's own replaces it.
  registerCaseNumberIssuer(deviceId, { districtCode: staff.districtCode, deviceTag: tag });
  /** A centre's day: a few new cases, and notes on them. */
  const makeDay = (): Mutation[] => {
    const cases = Array.from({ length: CASES_PER_DAY }, () =>
      newCaseMutation(
        actor,
        stamp(),
        {
          caseNumber: `${staff.districtCode}-2026-${tag}-${String(++caseNumber).padStart(4, '0')}`,
        },
        newTabletId,
      ),
    );
    const notes = Array.from({ length: NOTES_PER_DAY }, (_, i) =>
      newNoteMutation(
        actor,
        cases[i % cases.length]!.recordId,
        actor.centreId!,
        stamp(),
        undefined,
        newTabletId,
      ),
    );
    const day = [...cases, ...notes];
    for (const mutation of day) written.add(mutation.recordId);
    return day;
  };
  const countPulled = (records: readonly PulledRecord[]) =>
    log.pulled(records.length, records.filter((record) => written.has(record.id)).length);
  return { syncDay: () => syncDay(tablet, makeDay, countPulled) };
}

async function syncDay(
  tablet: BenchTablet,
  makeDay: () => Mutation[],
  onPage: (records: readonly PulledRecord[]) => void,
): Promise<number> {
  const day = makeDay();
  await tablet.pushAll(day);
  await tablet.pullAll(onPage);
  return day.length;
}
