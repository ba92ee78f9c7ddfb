import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the test SMTP server received it, decoded. */
export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  receivedAt: Date;
}

export interface SmtpSinkOptions {
  /** How long the server takes to accept each message (a slow relay), in real milliseconds. */
  delayMs?: number;
  /** A reply for a recipient the server refuses (e.g. `{ code: 550, message: 'no such user' }`). */
  refuseRecipient?: (to: string) => { code: number; message: string } | undefined;
}

export interface SmtpSink {
  url: string;
  received: Mail[];
  down: () => void;
  up: () => void;
  /** The most messages the server was receiving at one moment (several connections at once). */
  maxConcurrent(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (smtp-server), so tests read what a mail client would read
 * (subjects and bodies decoded from MIME), not what a mock transport was handed.
 * `down()` makes it refuse every mail (421) until `up()`, to prove the outbox retries.
 */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: Mail[] = [];
  let refusing = false;
  let concurrent = 0;
  let maxConcurrent = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // close() waits this long for clients to hang up (smtp-server's default: 30 s); a test is over
    // by then, so a pooled connection still opening must not hold its teardown.
    closeTimeout: 500,
    onMailFrom(_address, _session, callback) {
      if (refusing)
        return callback(Object.assign(new Error('service not available (test: down)'), { responseCode: 421 }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      const refusal = opts.refuseRecipient?.(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, _session, callback) {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      simpleParser(stream)
        .then(async (m) => {
          if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
          const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '');
          received.push({
            from: m.from?.text ?? '',
            to,
            subject: m.subject ?? '',
            text: m.text ?? '',
            receivedAt: new Date(),
          });
          callback();
        })
        .catch((err: Error) => callback(err))
        .finally(() => concurrent--);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (typeof address !== 'object' || !address) throw new Error('smtp sink has no address');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    down: () => {
      refusing = true;
    },
    up: () => {
      refusing = false;
    },
    maxConcurrent: () => maxConcurrent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
