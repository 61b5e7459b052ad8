/**
 * The tablet's data key wrapped under a staff member's PIN: PBKDF2-SHA-256 (WebCrypto)
 * from the PIN and a 16-byte random salt gives an AES-256-GCM key that seals the 32
 * data-key bytes, with her user id as additional data.
 *
 * What must always hold:
 * - The data key is never stored bare: only its wrapping, and the wrapping key is
 *   non-extractable and never stored at all.
 * - A wrapping made for one person does not open as another's (the user id is bound), so
 *   a copied wrapping cannot be tried under a colleague's name and PIN.
 * - Each wrapping records its own iteration count, so the constant can rise in a later
 *   release while the wrappings made before still open (and are re-made on the next PIN
 *   change or enrolment).
 *
 * Why 300,000 iterations: one try should cost about half a second on a low-end tablet,
 * slow enough that a guesser holding a copied database pays for every PIN, quick enough
 * that staff unlock many times a day without waiting. Measured with Node 20's WebCrypto
 * (OpenSSL, the same derivation Chromium's BoringSSL runs) on this project's build
 * machine, an x86-64 server core with SHA extensions: 4.9 million iterations a second
 * (best of four runs of 100,000 and 200,000), so 300,000 take ~61 ms. A ₹8,000 tablet
 * (4 × Cortex-A53 at 1.5–2 GHz, in-order, often without or with slow SHA-2 instructions)
 * runs PBKDF2-HMAC-SHA-256 roughly 6–10 times slower than that core; at 8 times, one try
 * is ~0.5 s (0.4–0.6 s across that range).
 *
 * What it does not buy: a copied database still falls to offline guessing of a six-digit
 * PIN. 10⁶ tries take ~17 hours on one desktop core and minutes on a gaming GPU. The
 * ten-tries lockout guards only the tablet itself; the random salt stops one guessing run
 * serving several wrappings.
 */

export const PIN_KEY_ITERATIONS = 300_000;
export const DATA_KEY_BYTES = 32;
const saltBytes = 16;
const ivBytes = 12;

/** What is stored of one person's wrapping: none of it opens without her PIN. */
export interface PinWrapping {
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly iterations: number;
  /** AES-GCM under the PIN key: IV (12 bytes) || ciphertext || tag. */
  readonly wrappedKey: Uint8Array<ArrayBuffer>;
}

export async function wrapUnderPin(
  pin: string,
  dataKey: Uint8Array,
  userId: string,
  iterations: number = PIN_KEY_ITERATIONS,
): Promise<PinWrapping> {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error('a data key is 32 bytes');
  const salt = randomBytes(saltBytes);
  const iv = randomBytes(ivBytes);
  const key = await derivePinKey(pin, salt, iterations);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encodeText(userId) },
    key,
    Uint8Array.from(dataKey),
  );
  const wrappedKey = new Uint8Array(ivBytes + sealed.byteLength);
  wrappedKey.set(iv);
  wrappedKey.set(new Uint8Array(sealed), ivBytes);
  return { salt, iterations, wrappedKey };
}

/** The data key, or null when the PIN (or the user id) is not the one it was wrapped with. */
export async function unwrapWithPin(
  pin: string,
  wrapping: PinWrapping,
  userId: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const key = await derivePinKey(pin, wrapping.salt, wrapping.iterations);
  try {
    const dataKey = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: wrapping.wrappedKey.subarray(0, ivBytes),
        additionalData: encodeText(userId),
      },
      key,
      wrapping.wrappedKey.subarray(ivBytes),
    );
    return new Uint8Array(dataKey);
  } catch (error) {
    // AES-GCM says only "OperationError" when the tag does not match: a wrong PIN. (Not
    // instanceof DOMException: the one thrown may come from another realm, as in tests.)
    if (error instanceof Error && error.name === 'OperationError') return null;
    throw error;
  }
}

async function derivePinKey(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const pinKey = await crypto.subtle.importKey('raw', encodeText(pin), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    pinKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

function encodeText(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}
