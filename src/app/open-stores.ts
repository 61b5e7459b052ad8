// The seam between the app and src/data: opens the tablet's store and knows who works on
// it. Until sign-in (issue 4) that is a local demo staff member chosen at first start;
// sign-in replaces chooseStaff and nothing above it.
import type { StaffMember } from '../data/case-store.ts';
import { openLocalStore } from '../data/local-store.ts';
import type { Stores } from './stores.ts';

export interface StoreSession {
  /** Null until a staff member has been chosen on this tablet. */
  readonly stores: Stores | null;
  readonly demoStaff: readonly StaffMember[];
  chooseStaff(userId: string): Promise<Stores>;
}

export async function openStoreSession(): Promise<StoreSession> {
  const local = await openLocalStore();
  const toStores = (staff: StaffMember): Stores => ({
    caseStore: local.caseStore(staff),
    draftStore: local.drafts,
    staff,
    isDemo: true,
  });
  const staff = await local.currentStaff();
  return {
    stores: staff ? toStores(staff) : null,
    demoStaff: local.demoStaff,
    chooseStaff: async (userId) => toStores(await local.chooseStaff(userId)),
  };
}
