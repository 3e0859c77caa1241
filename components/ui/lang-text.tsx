import type { ReactNode } from 'react';
import { useLocale } from 'next-intl';

// Han characters: a name written in Chinese (stakeholders, regions, people come from Chinese data).
const HAN = /\p{Script=Han}/u;

/** Whether a text is written (partly) in Chinese characters. */
export function isChineseText(text: string): boolean {
  return HAN.test(text);
}

/**
 * A name from the data, marked as Chinese when it is Chinese and the page is not, so screen
 * readers switch voice for it instead of spelling it out in English (WCAG 3.1.2). Works in server
 * and client components; on Chinese pages, or for non-Chinese text, it renders the bare text.
 */
export function LangText({ children, className }: { children: string; className?: string }) {
  const locale = useLocale();
  if (locale === 'zh-CN' || !isChineseText(children)) {
    return className ? <span className={className}>{children}</span> : <>{children}</>;
  }
  return (
    <span lang="zh-CN" className={className}>
      {children}
    </span>
  );
}

// Private-use characters: never in a name or a message, so they can mark where a value sits in a
// translated sentence whatever the message's wording or word order.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKED = /\uE000([^\uE001]*)\uE001/g;

/**
 * A name from the data, marked for a sentence: pass it to `t()` as a value and render the sentence
 * with <WithNames>, which marks the name as Chinese where LangText would. Only for sentences
 * rendered as text content: an attribute or a page title would show the marks.
 */
export function nameIn(text: string): string {
  return `${OPEN}${text.replaceAll(OPEN, '').replaceAll(CLOSE, '')}${CLOSE}`;
}

/** A translated sentence with names marked by nameIn: each name in a LangText, the rest as it is. */
export function WithNames({ children }: { children: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of children.matchAll(MARKED)) {
    if (m.index > at) parts.push(children.slice(at, m.index));
    parts.push(<LangText key={m.index}>{m[1]!}</LangText>);
    at = m.index + m[0].length;
  }
  if (at < children.length) parts.push(children.slice(at));
  return <>{parts}</>;
}
