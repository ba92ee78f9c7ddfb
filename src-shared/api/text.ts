import { z } from 'zod';

/**
 * One text of the contract, for EVERY string field a client sends to either API (request bodies,
 * path parameters, query strings): at most `max` UTF-16 code units and no code point that a store
 * or a comparison could choke on. Refused (400 `invalid_request`, the field named) at the edge:
 *   - control characters, C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F): PostgreSQL
 *     cannot store U+0000 at all (`invalid byte sequence for encoding "UTF8": 0x00`, a 500 before),
 *     and no field means any of them — except `lines`, where a note or a typed code may hold a
 *     tab or a line break (U+0009, U+000A, U+000D);
 *   - lone UTF-16 surrogates (U+D800–U+DFFF without their pair): not Unicode text, and not
 *     encodable as UTF-8 (PostgreSQL refuses them too). A pair (an emoji) is text and passes.
 * Written without the `u` flag on purpose: the pattern then sees code units, so it can tell a lone
 * surrogate from a pair. It reaches the OpenAPI document as the field's `pattern`.
 */
const ONE_CHARACTER = '[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff]';
export const PLAIN_TEXT = new RegExp(`^(?:${ONE_CHARACTER})*$`);
export const MULTILINE_TEXT = new RegExp(`^(?:${ONE_CHARACTER}|[\\t\\n\\r])*$`);

export function text(max: number, opts: { min?: number; lines?: boolean } = {}) {
  const s = z
    .string()
    .max(max)
    .regex(opts.lines ? MULTILINE_TEXT : PLAIN_TEXT, { message: 'control characters or lone surrogates' });
  return opts.min === undefined ? s : s.min(opts.min);
}

/**
 * A code as a person types it from a mail or a printout (a 認証キー, a registration or enrollment
 * code): spaces, line breaks and hyphens are ignored, full-width forms and lower case normalised
 * (NFKC, upper case); at least one character must be left. The OpenAPI document states the form a
 * client should send (letters and digits, with any spaces and hyphens), which JSON Schema can check
 * without normalising; the service also takes the full-width forms.
 */
export function typedCode(max = 64) {
  return text(max, { lines: true })
    .transform((s) => s.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().min(1))
    .meta({
      description: 'Spaces, line breaks and hyphens are ignored; full-width forms and lower case are normalised.',
      pattern: '^[ \\t\\n\\r-]*[0-9A-Za-z][0-9A-Za-z \\t\\n\\r-]*$',
    });
}

/**
 * A text that is trimmed, then must hold at least one character: one that is not only white space
 * (JavaScript's `trim()` removes exactly what the pattern `\S` does not match). The OpenAPI
 * document states it as that pattern, so `" "` is refused there as by the service.
 */
export function trimmedText(max: number, opts: { lines?: boolean } = {}) {
  return text(max, opts)
    .trim()
    .min(1)
    .meta({ allOf: [{ pattern: '\\S' }] });
}
