// Who is knocking, for sign-in throttling and the session record: the address of the socket's
// peer, which our HTTP server (scripts/next-server.mjs) puts in CLIENT_ADDRESS_HEADER after
// dropping any copy the client sent. X-Forwarded-For is read only when that peer is one of the
// proxies named in TRUSTED_PROXIES; otherwise any client could claim any address with it.
import 'server-only';
import net from 'node:net';
import { env } from '@/server/env';

export const CLIENT_ADDRESS_HEADER = 'x-client-address';
/** Requests that reached the app some other way (tests, a bare `next start`) share one bucket. */
export const UNKNOWN_ADDRESS = 'unknown';

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.padStart(4, '0').toLowerCase());
}

/**
 * One key per client: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 network, since
 * one subscriber is handed a whole /64 and could otherwise take a fresh address per attempt.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  const ip = (raw ?? '').trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = net.isIP(ip);
  if (family === 4) return ip;
  if (family === 6) return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
  return null;
}

function trustedProxies(list: readonly string[]): net.BlockList {
  const block = new net.BlockList();
  for (const entry of list) {
    const [ip = '', bits] = entry.split('/');
    const type = net.isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) block.addAddress(ip, type);
    else block.addSubnet(ip, Number(bits), type);
  }
  return block;
}

const built = new WeakMap<readonly string[], net.BlockList>();

function isTrustedProxy(ip: string, list: readonly string[]): boolean {
  let block = built.get(list);
  if (!block) built.set(list, (block = trustedProxies(list)));
  const bare = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = net.isIP(bare);
  return family !== 0 && block.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

/** The client's address (normalized), or UNKNOWN_ADDRESS when the request does not say. */
export function clientAddress(headers: Headers, proxies: readonly string[] = env.TRUSTED_PROXIES): string {
  const peer = headers.get(CLIENT_ADDRESS_HEADER)?.trim() ?? '';
  if (!peer) return UNKNOWN_ADDRESS;
  if (isTrustedProxy(peer, proxies)) {
    // Each proxy appends the address it saw: from the right, the first hop that is not one of
    // ours is the client (anything left of it the client may have written itself).
    const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!isTrustedProxy(hops[i]!, proxies)) return normalizeAddress(hops[i]) ?? UNKNOWN_ADDRESS;
    }
  }
  return normalizeAddress(peer) ?? UNKNOWN_ADDRESS;
}
