'use client';
// On a phone the score preview sits above the form and scrolls away: this bar keeps the composite,
// the grade and the save status in view under the page header while the lower fields are edited.
// It is the save status's live region below the lg breakpoint (the form's header line takes over
// above it), and it pads the page's scrolling by its height so a focused field never lies under it.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import type { KpiSetV1 } from '@/core/scoring';
import { pickName } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';
import type { PreviewResult } from './score-preview';

export function CompactStatusBar({ document, result, status }: { document: KpiSetV1; result: PreviewResult; status: string | null }) {
  const t = useTranslations('reviewerTools.bar');
  const locale = useLocale();
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const html = window.document.documentElement;
    const before = html.style.scrollPaddingTop;
    const pad = () => {
      // Hidden (display: none) above the breakpoint: then only the page header is in the way.
      const header = window.document.querySelector('header')?.getBoundingClientRect().height ?? 0;
      html.style.scrollPaddingTop = `${Math.ceil(header + el.offsetHeight + 8)}px`;
    };
    pad();
    const observer = new ResizeObserver(pad);
    observer.observe(el);
    window.addEventListener('resize', pad);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', pad);
      html.style.scrollPaddingTop = before;
    };
  }, []);

  const composite = result.ok && result.me.composite !== null ? formatNumber(result.me.composite, locale, { digits: 1, fixed: true }) : '—';
  const grade = result.ok && result.me.grade ? pickName(document.grades.find((g) => g.code === result.me.grade)?.label ?? { en: result.me.grade, 'zh-CN': result.me.grade }, locale) : null;
  return (
    <div
      ref={bar}
      data-testid="compact-bar"
      className="sticky top-14 z-20 mb-4 flex items-center gap-3 rounded-md border bg-surface/95 px-3 py-2 text-sm shadow-sm backdrop-blur lg:hidden print:hidden"
    >
      <a href="#score-preview" className="inline-flex items-baseline gap-1.5 font-medium text-foreground underline-offset-4 hover:underline">
        <span className="text-xs text-muted-foreground">{t('composite')}</span>
        <span className="text-lg font-semibold tabular-nums" data-testid="compact-composite">
          {composite}
        </span>
        {grade ? <span className="text-xs text-muted-foreground">{grade}</span> : null}
        <span className="sr-only">{t('details')}</span>
      </a>
      {status !== null ? (
        <span className="ml-auto truncate text-xs text-muted-foreground" role="status" aria-live="polite" data-testid="compact-save-state">
          {status}
        </span>
      ) : null}
    </div>
  );
}
