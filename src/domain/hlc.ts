/**
 * Hybrid logical clock (HLC): the stamp on every field of every record.
 *
 * What must always hold:
 * - Stamps are totally ordered by plain string comparison: fixed-width wall time, then a
 *   fixed-width counter, then the device id. Equal stamps come only from one device, once.
 * - A clock never issues a stamp less than or equal to one it issued or received before,
 *   whatever the tablet's wall clock does (set back by days, set to 2019, jumping ahead).
 * - Wall time is the device clock corrected by its offset from the server, so a tablet
 *   with a wrong date still stamps close to real time once it has talked to the server.
 *
 * Format: `wwwwwwwww-cccc-device` — wall time in ms since the Unix epoch, base 36 padded
 * to 9 characters (good until the year 5188); counter base 36 padded to 4; device id.
 */
export type Stamp = string;

const wallWidth = 9;
const counterWidth = 4;
const maxCounter = 36 ** counterWidth - 1;
const deviceIdPattern = /^[0-9A-Za-z_-]{1,64}$/;
export const stampPattern = /^[0-9a-z]{9}-[0-9a-z]{4}-[0-9A-Za-z_-]{1,64}$/;

export function isStamp(value: unknown): value is Stamp {
  return typeof value === 'string' && stampPattern.test(value);
}

export interface StampParts {
  /** Milliseconds since the Unix epoch (UTC), as corrected by the issuing clock. */
  readonly wallMs: number;
  readonly counter: number;
  readonly deviceId: string;
}

export function formatStamp({ wallMs, counter, deviceId }: StampParts): Stamp {
  if (!Number.isSafeInteger(wallMs) || wallMs < 0 || wallMs >= 36 ** wallWidth) {
    throw new RangeError(`stamp wall time out of range: ${wallMs}`);
  }
  if (!Number.isInteger(counter) || counter < 0 || counter > maxCounter) {
    throw new RangeError(`stamp counter out of range: ${counter}`);
  }
  if (!deviceIdPattern.test(deviceId)) throw new RangeError(`invalid device id: ${deviceId}`);
  return `${wallMs.toString(36).padStart(wallWidth, '0')}-${counter
    .toString(36)
    .padStart(counterWidth, '0')}-${deviceId}`;
}

export function parseStamp(stamp: Stamp): StampParts {
  if (!stampPattern.test(stamp)) throw new RangeError(`not a valid stamp: ${stamp}`);
  return {
    wallMs: parseInt(stamp.slice(0, wallWidth), 36),
    counter: parseInt(stamp.slice(wallWidth + 1, wallWidth + 1 + counterWidth), 36),
    deviceId: stamp.slice(wallWidth + counterWidth + 2),
  };
}

export function deviceOfStamp(stamp: Stamp): string {
  return stamp.slice(wallWidth + counterWidth + 2);
}

export function compareStamps(a: Stamp, b: Stamp): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxStamp(a: Stamp | null, b: Stamp | null): Stamp | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/** How far ahead of the server's time a stamp may be before the server refuses it. */
export const maxStampAheadMs = 5 * 60_000;

/** The server's check: a stamp this far in the future would outrank honest writes for that long. */
export function isStampTooFarAhead(stamp: Stamp, serverNowMs: number, allowedMs = maxStampAheadMs) {
  return parseStamp(stamp).wallMs > serverNowMs + allowedMs;
}

export interface ClockSnapshot {
  /** The greatest stamp issued or received; null on a new device. */
  readonly last: Stamp | null;
  /** Server time minus device time, in ms, as last measured. */
  readonly offsetMs: number;
}

export class HybridClock {
  private lastWallMs = 0;
  private lastCounter = -1;
  private offset: number;

  constructor(
    readonly deviceId: string,
    private readonly readDeviceTime: () => number = () => Date.now(),
    snapshot: ClockSnapshot = { last: null, offsetMs: 0 },
  ) {
    if (!deviceIdPattern.test(deviceId)) throw new RangeError(`invalid device id: ${deviceId}`);
    this.offset = snapshot.offsetMs;
    if (snapshot.last !== null) this.observe(snapshot.last);
  }

  /** A new stamp, greater than every stamp issued or received so far. */
  now(): Stamp {
    const physical = this.readCorrectedTime();
    if (physical > this.lastWallMs) {
      this.lastWallMs = physical;
      this.lastCounter = 0;
    } else if (this.lastCounter < maxCounter) {
      this.lastCounter += 1;
    } else {
      // Counter exhausted within one millisecond: borrow the next millisecond rather than fail a save.
      this.lastWallMs += 1;
      this.lastCounter = 0;
    }
    return formatStamp({
      wallMs: this.lastWallMs,
      counter: this.lastCounter,
      deviceId: this.deviceId,
    });
  }

  /** Take in a stamp seen on a pulled record, so later local writes order after it. */
  observe(stamp: Stamp): void {
    const { wallMs, counter } = parseStamp(stamp);
    if (wallMs > this.lastWallMs || (wallMs === this.lastWallMs && counter > this.lastCounter)) {
      this.lastWallMs = wallMs;
      this.lastCounter = counter;
    }
  }

  /** Every server answer carries its time; `deviceTimeMs` is this device's time when it arrived. */
  adoptServerTime(serverTimeMs: number, deviceTimeMs: number = this.readDeviceTime()): void {
    this.offset = serverTimeMs - deviceTimeMs;
  }

  /**
   * Forget stamps issued above `floor` after the server refused them as too far ahead.
   * Only safe because no one accepted those stamps: the caller re-stamps every
   * unacknowledged write with new stamps from this clock.
   */
  rewind(floor: Stamp | null): void {
    this.lastWallMs = 0;
    this.lastCounter = -1;
    if (floor !== null) this.observe(floor);
  }

  snapshot(): ClockSnapshot {
    const last =
      this.lastCounter < 0
        ? null
        : formatStamp({
            wallMs: this.lastWallMs,
            counter: this.lastCounter,
            deviceId: this.deviceId,
          });
    return { last, offsetMs: this.offset };
  }

  /**
   * Device time plus the offset from the server, in whole ms: "now" for anything the
   * tablet dates (queued at, rejected at, ids), from the same device time the stamps use.
   */
  readCorrectedTime(): number {
    return Math.max(0, Math.floor(this.readDeviceTime() + this.offset));
  }
}
