/**
 * Keeping credentials out of output, errors and files: URLs lose their userinfo, and every
 * known secret (passwords, tokens, header values) is replaced by `***` wherever it appears
 * in a message, including messages of underlying errors.
 */

const MASK = '***';

/** The URL without `user:password@`; unparsable input is masked whole after the scheme. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username === '' && u.password === '') return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, `//${MASK}@`);
  }
}

/** Replaces each registered secret in text; secrets shorter than 3 characters are masked too. */
export class Redactor {
  private readonly secrets: string[] = [];

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) this.add(s);
  }

  add(secret: string | undefined): void {
    if (!secret) return;
    const variants = [secret, encodeURIComponent(secret)];
    for (const v of variants) if (!this.secrets.includes(v)) this.secrets.push(v);
    // Longest first, so a secret containing another is masked whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  text(text: string): string {
    let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, `$1${MASK}@`);
    for (const s of this.secrets) out = out.split(s).join(MASK);
    return out;
  }

  /** The message of an error and its causes, each redacted, joined by `: `. */
  errorChain(err: unknown): string {
    const parts: string[] = [];
    let e: unknown = err;
    for (let depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
      const msg = e instanceof Error ? e.message : String(e);
      const code = (e as { code?: unknown }).code;
      const part = typeof code === 'string' && !msg.includes(code) ? `${msg} (${code})` : msg;
      if (part && !parts.includes(part)) parts.push(part);
      e = e instanceof Error ? e.cause : undefined;
    }
    return this.text(parts.join(': '));
  }
}
