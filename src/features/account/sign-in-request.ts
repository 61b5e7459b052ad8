/**
 * The body of `POST /api/auth/sign-in`: what she typed, this tablet's device id and public
 * key, and the device key's signature over `signInSignedText`, which proves the request
 * comes from the tablet that registered the id (docs/api.md, "Sign-in").
 *
 * The username is trimmed once, here, and the same trimmed text is both sent and signed:
 * the server checks the signature over the username exactly as it arrives.
 */
import {
  signInRequestSchema,
  signInSignedText,
  type SignInRequest,
} from '../../domain/auth-protocol.ts';
import { z } from '../../domain/zod.ts';
import { signWithDeviceKey, type DeviceKeyPair } from '../../platform/device-key.ts';

export interface SignInAttempt {
  readonly username: string;
  readonly password: string;
  readonly deviceId: string;
  /** This tablet's device key (data/device-key-store.ts). */
  readonly deviceKey: DeviceKeyPair;
  /**
   * Only after she confirmed that the other centre's data on this tablet will be erased
   * (a `device_other_centre` refusal first): the server then moves the tablet to her centre.
   */
  readonly switchCentre?: boolean;
}

/** The signed request, or null when what she typed cannot be sent (a field missing or too long). */
export async function buildSignInRequest(attempt: SignInAttempt): Promise<SignInRequest | null> {
  const username = attempt.username.trim();
  const unsigned = {
    username,
    password: attempt.password,
    deviceId: attempt.deviceId,
    devicePublicKey: attempt.deviceKey.publicJwk,
    ...(attempt.switchCentre ? { switchCentre: true } : {}),
    // Her centre's address, phone and staff list: letters and case assignment need them offline.
    withCentreDetails: true,
  };
  // Checked before signing, so a blank field never costs a signature.
  const shape = z.omit(signInRequestSchema, { deviceSignature: true }).safeParse(unsigned);
  if (!shape.success) return null;
  const signedText = new TextEncoder().encode(signInSignedText(attempt.deviceId, username));
  const deviceSignature = await signWithDeviceKey(attempt.deviceKey.privateKey, signedText);
  return signInRequestSchema.parse({ ...unsigned, deviceSignature });
}
