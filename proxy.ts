// Runs before every request: security headers with a per-request CSP nonce, rejection of
// cross-origin state changes, and an early redirect to sign-in when there is no session cookie
// (the real authorization is in the procedures and route handlers: server/trpc, server/http).
import { NextResponse, type NextRequest } from 'next/server';
import { safeNextPath } from '@/core/domain/sign-in';

const SESSION_COOKIES = ['scorecard.session_token', '__Secure-scorecard.session_token'];
// The site's icon is public: the sign-in page itself links it, and a redirect made a phone
// download the sign-in page twice. robots.txt is public so that crawlers read "keep out" instead
// of indexing the sign-in page they were redirected to.
const PUBLIC_PATHS = ['/sign-in', '/api/health', '/icon.svg', '/robots.txt'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // React and ECharts set inline style attributes.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** A state-changing request must come from this origin (Origin, else Referer, must match). */
function isCrossOrigin(request: NextRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const expected = request.nextUrl.origin;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const allowed = new Set([expected, ...(host ? [`http://${host}`, `https://${host}`] : [])]);
  const origin = request.headers.get('origin');
  if (origin) return !allowed.has(origin);
  const referer = request.headers.get('referer');
  if (referer) {
    try {
      return !allowed.has(new URL(referer).origin);
    } catch {
      return true;
    }
  }
  // No Origin and no Referer: not a browser form or fetch (curl, server-to-server). Browsers always
  // send Origin on cross-origin POSTs, so refusing here would only break legitimate tools.
  return false;
}

export function proxy(request: NextRequest) {
  if (isCrossOrigin(request)) {
    return new NextResponse('Cross-origin request refused.', { status: 403, headers: { 'content-type': 'text/plain' } });
  }

  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!hasSession && !isPublic && !pathname.startsWith('/api/')) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    // The same rule as after sign-in: a path of this site, or nothing.
    const next = safeNextPath(pathname + search);
    url.search = next === '/' ? '' : `?${new URLSearchParams({ next })}`;
    return NextResponse.redirect(url);
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/|favicon.ico).*)' }],
};
