/**
 * Case numbers such as `LKO-2026-K7-0042`: district, year, device tag, device serial.
 *
 * What must always hold: two tablets never make the same number, without talking to each
 * other. That rests on two facts kept elsewhere: a device tag is unique within its
 * district (the server hands tags out at device registration, see `deviceTagForIndex`),
 * and a device's serial only goes up (kept in its local store). The year is the
 * registration year in India time, so a case registered at 00:30 IST on 1 January gets
 * the new year even though it is still 31 December in UTC.
 */
export const caseNumberPattern = /^([A-Z]{3})-(\d{4})-([A-Z0-9]{2,4})-(\d{4,})$/;

export const deviceTagPattern = /^[A-Z0-9]{2,4}$/;

export interface CaseNumberParts {
  readonly districtCode: string;
  readonly year: number;
  readonly deviceTag: string;
  /** This device's running count of cases, from 1. */
  readonly serial: number;
}

export function formatCaseNumber({ districtCode, year, deviceTag, serial }: CaseNumberParts) {
  if (!/^[A-Z]{3}$/.test(districtCode))
    throw new RangeError(`invalid district code: ${districtCode}`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999)
    throw new RangeError(`invalid year: ${year}`);
  if (!deviceTagPattern.test(deviceTag)) throw new RangeError(`invalid device tag: ${deviceTag}`);
  if (!Number.isSafeInteger(serial) || serial < 1)
    throw new RangeError(`invalid serial: ${serial}`);
  return `${districtCode}-${year}-${deviceTag}-${String(serial).padStart(4, '0')}`;
}

export function parseCaseNumber(caseNumber: string): CaseNumberParts | null {
  const match = caseNumberPattern.exec(caseNumber);
  if (!match) return null;
  const [, districtCode, year, deviceTag, serial] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { districtCode, year: Number(year), deviceTag, serial: Number(serial) };
}

/** Who may give a case its number: the district and tag of the tablet that registers it. */
export interface CaseNumberIssuer {
  readonly districtCode: string;
  readonly deviceTag: string;
}

/**
 * True when `caseNumber` is one `issuer` could have made: its district and device tag.
 * The server refuses any other on a new case, so a tablet cannot take another's numbers.
 */
export function isCaseNumberOf(caseNumber: string, issuer: CaseNumberIssuer): boolean {
  const parts = parseCaseNumber(caseNumber);
  return (
    parts !== null &&
    parts.districtCode === issuer.districtCode &&
    parts.deviceTag === issuer.deviceTag
  );
}

const istOffsetMs = (5 * 60 + 30) * 60_000;

/** The calendar year in India time (UTC+5:30, no daylight saving) of an instant. */
export function yearInIndia(instant: Date): number {
  return new Date(instant.getTime() + istOffsetMs).getUTCFullYear();
}

// Crockford's base 32: no I, L, O or U, so a tag read aloud or copied by hand is not misread.
const tagAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The tag for the n-th device registered in a district (n from 0): two characters for the
 * first 1,024 devices, then longer. Distinct n give distinct tags.
 */
export function deviceTagForIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new RangeError(`invalid device index: ${index}`);
  const width = index < 32 ** 2 ? 2 : index < 32 ** 2 + 32 ** 3 ? 3 : 4;
  let rest = index - (width === 2 ? 0 : width === 3 ? 32 ** 2 : 32 ** 2 + 32 ** 3);
  if (rest >= 32 ** width) throw new RangeError(`device index too large: ${index}`);
  let tag = '';
  for (let i = 0; i < width; i++) {
    tag = tagAlphabet[rest % 32]! + tag;
    rest = Math.floor(rest / 32);
  }
  return tag;
}
