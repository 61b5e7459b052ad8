/**
 * The local demo staff seam: until sign-in (issue 4), whoever starts the app picks one of
 * these Lucknow (LKO) staff members, and that choice is remembered on the tablet. Real
 * sign-in replaces this file: it supplies the StaffMember from the server's session.
 * The ids are fixed so cases made in a demo stay attributed to the same person.
 */
import type { StaffMember } from './case-store.ts';
import type { SakhiDatabase } from './database.ts';

const lucknowCentreId = '01900000-0000-7000-8000-00000000c001';

export const demoStaffMembers: readonly StaffMember[] = [
  { role: 'manager', displayName: 'डेमो केंद्र प्रबंधक, लखनऊ' },
  { role: 'counsellor', displayName: 'डेमो परामर्शदाता, लखनऊ' },
  { role: 'nurse', displayName: 'डेमो पैरामेडिकल नर्स, लखनऊ' },
  { role: 'operator', displayName: 'डेमो कंप्यूटर ऑपरेटर, लखनऊ' },
  { role: 'caseworker', displayName: 'डेमो केसवर्कर, लखनऊ' },
].map((member, index): StaffMember => ({
  ...(member as Pick<StaffMember, 'role' | 'displayName'>),
  userId: `01900000-0000-7000-8000-00000000a00${index + 1}`,
  centreId: lucknowCentreId,
  districtCode: 'LKO',
}));

/** The demo staff member chosen on this tablet, or null before the first choice. */
export async function loadDemoStaff(db: SakhiDatabase): Promise<StaffMember | null> {
  const stored = await db.meta.get('demoStaff');
  if (stored?.key !== 'demoStaff') return null;
  return demoStaffMembers.find((member) => member.userId === stored.value.userId) ?? null;
}

export async function chooseDemoStaff(db: SakhiDatabase, userId: string): Promise<StaffMember> {
  const member = demoStaffMembers.find((candidate) => candidate.userId === userId);
  if (!member) throw new RangeError(`no demo staff member ${userId}`);
  await db.meta.put({ key: 'demoStaff', value: { userId } });
  return member;
}
