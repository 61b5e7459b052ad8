import { createStore } from 'idb-keyval';
import type { Role } from '../domain/vocabularies-staff.ts';
import { openHeadquartersVault, type HeadquartersVault } from './headquarters-vault.ts';

/** The PIN the headquarters tests choose; the policy accepts it. */
export const headquartersTestPin = '480317';

let vaultNumber = 0;

/** A vault over a fresh database, with few PBKDF2 iterations so tests stay quick. */
export function openTestHeadquartersVault(): HeadquartersVault {
  vaultNumber += 1;
  return openHeadquartersVault(createStore(`sakhi-hq-vault-test-${vaultNumber}`, 'vault'), 1_000);
}

/** A state officer enrolled on a fresh vault, unlocked: her seal is real AES-GCM. */
export function enrolTestAccount(userId = 'hq-admin', role: Role = 'state_admin') {
  return openTestHeadquartersVault().enrol(
    { token: `token-${userId}`, userId, displayName: `Officer ${userId}`, role },
    headquartersTestPin,
  );
}
