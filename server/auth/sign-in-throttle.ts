// Throttling of password guesses that an attacker cannot turn against the account's owner
// (OWASP Authentication Cheat Sheet): failures are counted per client address and per
// (username, address), never per username alone, so a correct password from another address
// always gets through. Each count buys growing delays; an address also has a cap on failures, for
// spraying one password over many usernames. Counts live in memory, in two maps of fixed size
// that forget the least recently used entry first, so usernames typed at random (known or not)
// cannot grow them without bound. One server process holds them (see README, "Sign-in").
import 'server-only';

type Rule = {
  /** Failures without any delay. */
  free: number;
  /** The delay after the first failure past `free`; it doubles with each further one. */
  baseMs: number;
  maxDelayMs: number;
  /** Failures after which the key waits until it is forgotten. */
  cap: number;
};

export const THROTTLE = {
  pair: { free: 4, baseMs: 1_000, maxDelayMs: 15 * 60_000, cap: Number.POSITIVE_INFINITY },
  // Colleagues behind one NAT share an address: more failures before the first delay.
  address: { free: 20, baseMs: 1_000, maxDelayMs: 60_000, cap: 100 },
  /** A key is forgotten this long after its last failure. */
  forgetAfterMs: 60 * 60_000,
  /** Entries each map keeps at most. */
  capacity: 10_000,
} as const;

type Entry = { failures: number; lastAt: number };

/** A Map that keeps its most recently used `capacity` entries. */
export class LruMap<V> {
  private readonly map = new Map<string, V>();
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    // Maps iterate in insertion order, so the first key is the least recently used.
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/** Milliseconds to wait after `failures` failures. */
export function delayAfter(failures: number, rule: Rule): number {
  if (failures >= rule.cap) return THROTTLE.forgetAfterMs;
  if (failures <= rule.free) return 0;
  return Math.min(rule.baseMs * 2 ** (failures - rule.free - 1), rule.maxDelayMs);
}

export class SignInThrottle {
  readonly pairs: LruMap<Entry>;
  readonly addresses: LruMap<Entry>;

  constructor(capacity: number = THROTTLE.capacity) {
    this.pairs = new LruMap(capacity);
    this.addresses = new LruMap(capacity);
  }

  private live(map: LruMap<Entry>, key: string, now: number): Entry | undefined {
    const e = map.get(key);
    if (e && now - e.lastAt >= THROTTLE.forgetAfterMs) {
      map.delete(key);
      return undefined;
    }
    return e;
  }

  private waitMs(map: LruMap<Entry>, key: string, rule: Rule, now: number): number {
    const e = this.live(map, key, now);
    return e ? Math.max(0, e.lastAt + delayAfter(e.failures, rule) - now) : 0;
  }

  /** Seconds this username from this address must still wait; 0 when it may try now. */
  retryAfterSeconds(username: string, address: string, now = Date.now()): number {
    const ms = Math.max(
      this.waitMs(this.pairs, pairKey(username, address), THROTTLE.pair, now),
      this.waitMs(this.addresses, address, THROTTLE.address, now),
    );
    return Math.ceil(ms / 1000);
  }

  private bump(map: LruMap<Entry>, key: string, by: number, now: number): void {
    const e = this.live(map, key, now);
    const failures = Math.max(0, (e?.failures ?? 0) + by);
    if (failures === 0) map.delete(key);
    else map.set(key, { failures, lastAt: by > 0 ? now : (e?.lastAt ?? now) });
  }

  /**
   * Counts an attempt as failed before the password is checked, so a burst of parallel guesses
   * is throttled as it arrives rather than once they have all been checked.
   */
  begin(username: string, address: string, now = Date.now()): void {
    this.bump(this.pairs, pairKey(username, address), 1, now);
    this.bump(this.addresses, address, 1, now);
  }

  /**
   * The password was right: the pair starts again; the address gives back this attempt only, so
   * signing in to one's own account does not wipe out failures against others.
   */
  succeeded(username: string, address: string, now = Date.now()): void {
    this.pairs.delete(pairKey(username, address));
    this.bump(this.addresses, address, -1, now);
  }
}

function pairKey(username: string, address: string): string {
  return `${address}\u0000${username}`;
}

const globalForThrottle = globalThis as unknown as { __scorecardSignInThrottle?: SignInThrottle };

/** The process's throttle (one across hot reloads in development). */
export function signInThrottle(): SignInThrottle {
  return (globalForThrottle.__scorecardSignInThrottle ??= new SignInThrottle());
}

/** Tests start from no failures. */
export function resetSignInThrottle(): void {
  globalForThrottle.__scorecardSignInThrottle = undefined;
}
