// Which messages travel to the browser. Server components translate with the whole catalogue;
// client components only see what a NextIntlClientProvider above them hands over, and that is
// serialized into every page's payload. So the root layout sends the app shell's messages and each
// page (or segment layout) adds the namespaces of its own client components with <ClientMessages>.
// tests/unit/i18n/client-messages.test.ts walks each page's imports and fails when one is missing.

type Tree = { [key: string]: string | Tree };

/**
 * What the root layout sends to every page: the client components of the root layout, the app
 * shell and the error boundaries. (The tRPC client's `errors.network`, the sentence it shows when
 * the server does not answer, comes with the layouts that have the client.)
 */
export const SHELL_NAMESPACES = ['common'] as const;

/**
 * The parts of `messages` named by `namespaces` ("ns", or a dotted path to a sub-tree or a single
 * message), at the same paths. An unknown path throws: a typo must not quietly send nothing.
 */
export function pickMessages(messages: Record<string, unknown>, namespaces: readonly string[]): Tree {
  const out: Tree = {};
  for (const namespace of namespaces) {
    const segments = namespace.split('.');
    let from: unknown = messages;
    for (const segment of segments) {
      from = from && typeof from === 'object' ? (from as Record<string, unknown>)[segment] : undefined;
      if (from === undefined) throw new Error(`No messages at "${namespace}" in the catalogue`);
    }
    let into = out;
    segments.slice(0, -1).forEach((segment) => {
      const next = into[segment];
      into = into[segment] = typeof next === 'object' ? next : {};
    });
    const last = segments[segments.length - 1]!;
    const existing = into[last];
    into[last] = typeof existing === 'object' && typeof from === 'object' ? mergeMessages(existing, from as Tree) : (from as Tree | string);
  }
  return out;
}

/** `a` with `b` laid over it, sub-trees merged (neither is changed). */
export function mergeMessages(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] = typeof mine === 'object' && typeof value === 'object' ? mergeMessages(mine, value) : value;
  }
  return out;
}
