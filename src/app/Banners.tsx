import { useState } from 'preact/hooks';
import { fill, useMessages } from '../i18n/define-messages.ts';
import { appMessages } from '../i18n/messages.ts';
import { Banner } from '../ui/Banner.tsx';
import { Button } from '../ui/Button.tsx';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import type { StorageHealth } from './storage-health.ts';
import { dismissStorageWarning, isStorageWarningDismissed } from './storage-warning.ts';
import { useHasUnsavedInput } from '../shell/unsaved-input.ts';

/** Applies a waiting version only when she says so, and not while a form holds her input. */
export function UpdateBanner({ applyUpdate }: { readonly applyUpdate: () => void }) {
  const t = useMessages(appMessages);
  const hasUnsavedInput = useHasUnsavedInput();
  return (
    <Banner
      tone="info"
      testId="update-banner"
      action={
        <Button
          variant="primary"
          onClick={applyUpdate}
          disabled={hasUnsavedInput}
          testId="apply-update"
        >
          {t.updateNow}
        </Button>
      }
    >
      <strong>{t.updateReady}</strong>
      {hasUnsavedInput ? <p>{t.updateWaitForForm}</p> : null}
    </Banner>
  );
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.max(0, Math.round(mb))} MB`;
}

export function StorageBanner({ health }: { readonly health: StorageHealth }) {
  const t = useMessages(appMessages);
  const [isPersistWarningDismissed, setPersistWarningDismissed] =
    useState(isStorageWarningDismissed);
  const dismissPersistWarning = () => {
    dismissStorageWarning();
    setPersistWarningDismissed(true);
  };
  return (
    <>
      {health.isPersistenceRefused && !isPersistWarningDismissed ? (
        <Banner
          tone="warning"
          testId="storage-persist-banner"
          action={
            <Button onClick={dismissPersistWarning} testId="storage-persist-dismiss">
              {t.storagePersistDismiss}
            </Button>
          }
        >
          {t.storagePersistRefused}
        </Banner>
      ) : null}
      {health.isLow ? (
        <Banner tone="danger" testId="storage-low-banner">
          {fill(t.storageLow, {
            free: health.freeBytes === null ? '?' : formatBytes(health.freeBytes),
          })}
        </Banner>
      ) : null}
    </>
  );
}

export function SyncProblemBanner({ status }: { readonly status: SyncStatus | null }) {
  const t = useMessages(appMessages);
  if (status?.lastErrorCode === 'device_revoked') {
    // Shown until the wipe (sync/wipe-after-revocation.ts) has pushed what it can and
    // erased the tablet; the erased screen then takes over.
    return (
      <Banner tone="danger" testId="sync-device-revoked">
        {t.syncDeviceRevoked}
      </Banner>
    );
  }
  if (status?.lastErrorCode === 'storage_full') {
    return (
      <Banner tone="danger" testId="sync-storage-full">
        {t.syncStorageFull}
      </Banner>
    );
  }
  if (status?.lastErrorCode === 'unsupported_protocol_version') {
    return (
      <Banner tone="warning" testId="sync-update-required">
        {t.syncUpdateRequired}
      </Banner>
    );
  }
  return null;
}

export function SessionEndedBanner() {
  const t = useMessages(appMessages);
  return (
    <Banner tone="warning" testId="session-ended">
      {t.sessionEnded}
    </Banner>
  );
}

export function StoreStatus({ isFailed }: { readonly isFailed: boolean }) {
  const t = useMessages(appMessages);
  return isFailed ? (
    <Banner tone="danger" testId="store-failed">
      {t.storeFailed}
    </Banner>
  ) : (
    <p class="loading">{t.storeOpening}</p>
  );
}
