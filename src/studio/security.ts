/**
 * The studio's guard, as Hono middleware: requests must name this server as their Host (so a
 * page on another site cannot reach it through DNS rebinding); when the studio listens beyond
 * loopback every request needs the session token (given once in the printed URL, then kept in an
 * HttpOnly SameSite=Strict cookie); and every write must come from the studio's own pages (Origin
 * or Sec-Fetch-Site same-origin) or carry the token, so no other site can post a decision.
 * Every response forbids inline script, framing by others and MIME sniffing.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'synthkit_studio';
export const TOKEN_HEADER = 'x-synthkit-token';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

export interface GuardOptions {
  token: string;
  /** True when bound beyond loopback: every request needs the token. */
  requireToken: boolean;
  /** Host header values accepted (host:port). */
  allowedHosts: () => ReadonlySet<string>;
}

export function studioGuard(options: GuardOptions): MiddlewareHandler {
  const matches = (given: string | undefined) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(options.token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    // Beyond loopback the token is the guard (the studio cannot know every name it is reached by).
    if (!options.requireToken && !options.allowedHosts().has(host.toLowerCase()))
      return c.text('unknown Host header: open the studio at the URL it printed', 421);
    const url = new URL(c.req.url);
    const fromQuery = url.searchParams.get('token') ?? undefined;
    const tokenOk = matches(c.req.header(TOKEN_HEADER)) || matches(getCookie(c, TOKEN_COOKIE)) || matches(fromQuery);
    if (options.requireToken && !tokenOk) return c.text('this studio needs its token: open the URL with ?token=... that `synthkit studio` printed', 401);
    if (fromQuery !== undefined && matches(fromQuery)) {
      // Keep the token in a cookie and take it out of the address bar (and so out of history).
      setCookie(c, TOKEN_COOKIE, options.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const sameOrigin = origin ? origin === `${url.protocol}//${host}` : c.req.header('sec-fetch-site') === 'same-origin';
      const headerToken = matches(c.req.header(TOKEN_HEADER));
      if (!sameOrigin && !headerToken) return c.text('cross-site write refused: post from the studio page, or send the token in x-synthkit-token', 403);
    }
    await next();
    c.header('Content-Security-Policy', c.res.headers.get('Content-Security-Policy') ?? CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  };
}
