// Whether she has put away the "storage not persistent" warning on this tablet. Nothing can
// be done about it but install the app and sync often, so after reading it once she is not
// told again on every screen. The flag holds nothing about any woman, so it is kept in
// plain localStorage; the "storage low" warning is never put away (she can act on it).

const dismissedKey = 'sakhi.storageWarningDismissed';

export function isStorageWarningDismissed(): boolean {
  try {
    return localStorage.getItem(dismissedKey) === '1';
  } catch {
    return false;
  }
}

export function dismissStorageWarning(): void {
  try {
    localStorage.setItem(dismissedKey, '1');
  } catch {
    // Private mode or a full disk: it stays put away until the app is reloaded.
  }
}
