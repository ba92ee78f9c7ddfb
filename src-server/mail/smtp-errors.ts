/**
 * What an SMTP failure means for the outbox. nodemailer marks an error that carries an SMTP reply
 * with `permanent` (RFC 5321: 5yz except 503) and gives the reply code; a connection failure has
 * neither. One exception kept retrying: an authentication refusal (535, EAUTH) is this service's
 * configuration, not the mail, and every mail would fail the same way until it is fixed.
 */
interface SmtpErrorFields {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  permanent?: unknown;
  message?: unknown;
}

const fields = (err: unknown): SmtpErrorFields => (typeof err === 'object' && err !== null ? err : {});

export function isPermanentRefusal(err: unknown): boolean {
  const e = fields(err);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return false;
  if (typeof e.permanent === 'boolean') return e.permanent;
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503;
}

/**
 * The reason stored in last_error and logged: nodemailer's code, the reply code and the server's
 * reply line (or the connection error). Never the message itself, which carries a code.
 */
export function describeSmtpError(err: unknown): string {
  const e = fields(err);
  const parts = [
    typeof e.code === 'string' ? e.code : undefined,
    typeof e.responseCode === 'number' ? String(e.responseCode) : undefined,
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(err),
  ];
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').slice(0, 500);
}
