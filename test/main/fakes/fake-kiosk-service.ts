import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attestationMessage, type AttestationPurpose } from '../../../src-shared/attestation.js';
import { EnrollRequest } from '../../../src-shared/api/schemas.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

/**
 * A stand-in for the service's kiosk endpoints (API.md), used until src-server/kiosk lands and for
 * failure cases the real one cannot easily produce. It verifies signatures with node:crypto
 * exactly as API.md says, so a kiosk that passes here signs the contract's text.
 */
export async function startFakeKioskService() {
  const codes = new Set<string>(['ABCD2345']);
  const terminals = new Map<string, { publicKey: string; machineIdHash: string; revoked: boolean }>();
  const nonces = new Set<string>();
  const tokens = new Set<string>();
  const otpsSent: string[] = [];
  const requests: { path: string; body: unknown; auth?: string }[] = [];
  let nonceBroken = false;

  const verifyAttestation = (
    a: { terminalId: string; nonce: string; signature: string } | undefined,
    what: AttestationPurpose,
  ): boolean => {
    if (!a || !nonces.delete(a.nonce)) return false;
    const t = terminals.get(a.terminalId);
    if (!t || t.revoked) return false;
    const key = createPublicKey({ key: Buffer.from(t.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(
      null,
      Buffer.from(attestationMessage(a.terminalId, t.machineIdHash, a.nonce, what)),
      key,
      Buffer.from(a.signature, 'base64'),
    );
  };
  const authed = (req: IncomingMessage) => {
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    const cookie = req.headers.cookie?.match(/session=([^;]+)/)?.[1];
    return (bearer && tokens.has(bearer) && bearer) || (cookie && tokens.has(cookie) && cookie) || undefined;
  };

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http ignores the promise; the handler answers every request itself
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? JSON.parse(raw) : undefined;
    requests.push({
      path: req.url ?? '',
      body,
      ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
    });
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(json ? { 'content-type': 'application/json' } : {}), ...headers });
      res.end(json ? JSON.stringify(json) : undefined);
    };
    const fail = (status: number, error: string) => send(status, { error, message: error });
    const route = `${req.method} ${req.url}`;
    if (route === `POST ${api.kioskEnroll.path}`) {
      const parsed = EnrollRequest.safeParse(body); // normalises the code as the service does
      if (!parsed.success) return fail(400, 'invalid_request');
      if (!codes.delete(parsed.data.code)) return fail(401, 'enrollment_code_invalid');
      const terminalId = `t_${randomBytes(6).toString('hex')}`;
      terminals.set(terminalId, { publicKey: body.publicKey, machineIdHash: body.machineIdHash, revoked: false });
      return send(201, { terminalId, office: '飯田橋公共職業安定所' });
    }
    if (route === `POST ${api.kioskNonce.path}`) {
      if (nonceBroken) return fail(500, 'internal_error');
      const nonce = randomBytes(16).toString('hex');
      nonces.add(nonce);
      return send(200, { nonce, expiresAt: new Date(Date.now() + 300_000).toISOString() });
    }
    if (route === `POST ${api.kioskHeartbeat.path}`)
      return verifyAttestation(body, { purpose: 'heartbeat' }) ? send(204) : fail(401, 'attestation_invalid');
    if (route === `POST ${api.login.path}`) {
      if (body.id !== 'kiosk@example.jp' || body.password !== PASSWORD) return fail(401, 'invalid_credentials');
      if (verifyAttestation(body.attestation, { purpose: 'login', loginId: String(body.id) })) {
        const token = randomBytes(16).toString('hex');
        tokens.add(token);
        return send(200, { status: 'authenticated', kind: 'kiosk', token });
      }
      otpsSent.push('123456');
      return send(200, {
        status: 'otp_required',
        challenge: 'ch_1',
        expiresAt: new Date(Date.now() + 1_800_000).toISOString(),
      });
    }
    if (route === `POST ${api.loginOtp.path}`) {
      if (body.otp !== '123456') return fail(401, 'otp_invalid');
      const sid = randomBytes(16).toString('hex');
      tokens.add(sid);
      return send(200, { status: 'authenticated', kind: 'web' }, { 'set-cookie': `session=${sid}; Path=/; HttpOnly` });
    }
    const who = authed(req);
    if (route === `POST ${api.logout.path}`) {
      if (who) tokens.delete(who);
      return send(204);
    }
    if (route === `GET ${api.home.path}`) {
      if (!who) return fail(401, 'unauthenticated');
      return send(200, {
        company: '株式会社 ハローワークア',
        office: '飯田橋公共職業安定所',
        newMessages: 100,
        postings: [{ category: 'general', openings: 3, hires: 9 }],
      });
    }
    return fail(404, 'not_found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    codes,
    terminals,
    tokens,
    otpsSent,
    requests,
    breakNonces: () => void (nonceBroken = true),
    revoke: (terminalId: string) => {
      const t = terminals.get(terminalId);
      if (t) t.revoked = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeKioskService = Awaited<ReturnType<typeof startFakeKioskService>>;
