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
