// Catches what the CSV button hands the browser, as bytes, so a test can check the BOM and
// the Hindi exactly as Excel would read them.
import { vi } from 'vitest';

export interface CapturedCsv {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly text: string;
}

export function captureCsvDownloads(): () => Promise<CapturedCsv[]> {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:csv-${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  return () =>
    Promise.all(
      blobs.map(async (blob, index) => {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        return { fileName: names[index] ?? '', bytes, text: new TextDecoder().decode(bytes) };
      }),
    );
}
