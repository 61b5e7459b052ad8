/**
 * A StoragePlatform for tests: persistence granted or refused as told, and a settable
 * estimate. Pass it where storage.ts functions take a `storage` argument.
 */
import type { StoragePlatform } from './storage.ts';

export interface FakeStorageOptions {
  isPersisted?: boolean;
  willGrant?: boolean;
  usage?: number;
  quota?: number;
}

export class FakeStorage implements StoragePlatform {
  isPersisted: boolean;
  willGrant: boolean;
  usage: number | undefined;
  quota: number | undefined;
  persistCalls = 0;

  constructor(options: FakeStorageOptions = {}) {
    this.isPersisted = options.isPersisted ?? false;
    this.willGrant = options.willGrant ?? true;
    this.usage = options.usage;
    this.quota = options.quota;
  }

  persist(): Promise<boolean> {
    this.persistCalls++;
    if (this.willGrant) this.isPersisted = true;
    return Promise.resolve(this.isPersisted);
  }

  persisted(): Promise<boolean> {
    return Promise.resolve(this.isPersisted);
  }

  estimate(): Promise<{ usage?: number; quota?: number }> {
    return Promise.resolve({ usage: this.usage, quota: this.quota });
  }
}
