'use client';
// A stored evidence link as the reader sees it: an http(s) URL opens in a new tab without handing
// the page to it (noopener), its referrer or the site's reputation (noreferrer, nofollow); any other
// text stays text, with a warning, so a javascript: or file: "link" can never be followed.
import { useTranslations } from 'next-intl';
import { AlertTriangle, ExternalLink } from 'lucide-react';
import { evidenceKind } from '@/core/domain/evidence-url';

export function EvidenceLink({ url, testId }: { url: string | null | undefined; testId?: string }) {
  const t = useTranslations('reviewerTools.evidence');
  const kind = evidenceKind(url);
  if (kind === 'none') return <span className="text-sm text-muted-foreground">{t('none')}</span>;
  const text = url!.trim();
  if (kind === 'text') {
    return (
      <span className="grid gap-1 text-sm" data-testid={testId}>
        <span className="break-all">{text}</span>
        <span className="inline-flex items-center gap-1.5 text-xs text-warning-foreground">
          <AlertTriangle aria-hidden="true" className="size-3.5 shrink-0" />
          {t('notLink')}
        </span>
      </span>
    );
  }
  return (
    // Wrapped anywhere: a long URL must not widen the form on a phone.
    <a href={text} target="_blank" rel="noopener noreferrer nofollow" className="text-sm break-all text-primary underline underline-offset-4" data-testid={testId}>
      {text}
      <ExternalLink aria-hidden="true" className="ml-1 inline size-3.5 align-[-0.125em]" />
      <span className="sr-only">{t('newTab')}</span>
    </a>
  );
}
