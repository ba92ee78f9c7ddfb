import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software passkey for service tests: one P-256 key per registration, `none` attestation,
 * user present + verified, a signature counter that goes up by one per assertion. It answers
 * creation and request options (the JSON the service sends) like a browser with a platform
 * authenticator would, so tests register and sign in for real against @simplewebauthn/server.
 * `origin` is what the "browser" puts in clientDataJSON (a phishing site's, to test the refusal).
 */
export interface SoftCredential {
  id: string;
  rpID: string;
  userHandle: string;
  privateKey: KeyObject;
  counter: number;
}

type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
type RequestOptions = { challenge: string; rpId?: string; allowCredentials?: { id: string }[] };

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64 = (data: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(data));
const FLAGS_UP_UV = 0x01 | 0x04;
const FLAG_AT = 0x40;

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): string {
  return b64(new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false })));
}

function counterBytes(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function createSoftAuthenticator(opts: { origin: string }) {
  const credentials: SoftCredential[] = [];

  /** navigator.credentials.create(): a new credential for the options' RP and user. */
  function register(options: CreationOptions, override: { origin?: string; credentialId?: string } = {}) {
    const rpID = options.rp.id ?? new URL(opts.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x ?? '')],
        [-3, isoBase64URL.toBuffer(jwk.y ?? '')],
      ]),
    );
    // `credentialId`: an authenticator that answers with an ID someone else registered (a hostile client can)
    const idBytes = override.credentialId ? Buffer.from(override.credentialId, 'base64url') : randomBytes(32);
    const credential: SoftCredential = { id: b64(idBytes), rpID, userHandle: options.user.id, privateKey, counter: 0 };
    credentials.push(credential);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(idBytes.length);
    const authData = Buffer.concat([
      sha256(rpID),
      Buffer.from([FLAGS_UP_UV | FLAG_AT]),
      counterBytes(0),
      Buffer.alloc(16),
      idLength,
      idBytes,
      Buffer.from(cose),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]) as never,
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientData('webauthn.create', options.challenge, override.origin ?? opts.origin),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** navigator.credentials.get(): an assertion by the first allowed credential this authenticator holds. */
  function authenticate(
    options: RequestOptions,
    override: { origin?: string; credential?: SoftCredential; keepCounter?: boolean } = {},
  ) {
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const credential = override.credential ?? credentials.find((c) => !allowed.size || allowed.has(c.id));
    if (!credential) throw new Error('soft authenticator: no credential for these options');
    if (!override.keepCounter) credential.counter += 1;
    const rpID = options.rpId ?? credential.rpID;
    const authData = Buffer.concat([sha256(rpID), Buffer.from([FLAGS_UP_UV]), counterBytes(credential.counter)]);
    const clientDataJSON = clientData('webauthn.get', options.challenge, override.origin ?? opts.origin);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(isoBase64URL.toBuffer(clientDataJSON))]),
      credential.privateKey,
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON,
        authenticatorData: b64(authData),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  return { credentials, register, authenticate };
}
export type SoftAuthenticator = ReturnType<typeof createSoftAuthenticator>;
