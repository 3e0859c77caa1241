'use client';
// The scorecard's glossary: "normalized", "goalposts" and "share of range" explained once, as a
// popover listing them all and as a "?" next to a single term wherever it appears.
import { useTranslations } from 'next-intl';
import { LazyHelpPopover as HelpPopover } from '@/components/ui/lazy-help-popover';

export const GLOSSARY_TERMS = ['normalized', 'goalposts', 'shareOfRange'] as const;
export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

/** A "?" after a term that opens its explanation. */
export function GlossaryTip({ term, scale = 100 }: { term: GlossaryTerm; scale?: number }) {
  const t = useTranslations('scorecardExplained');
  const name = t(`glossary.${term}.term`);
  return (
    <HelpPopover label={t('glossary.tip', { term: name })} title={name} closeLabel={t('close')} className="ms-1">
      <p data-glossary-text={term}>{t(`glossary.${term}.text`, { scale })}</p>
    </HelpPopover>
  );
}

/** A "Glossary" button with every term. */
export function Glossary({ scale = 100 }: { scale?: number }) {
  const t = useTranslations('scorecardExplained');
  return (
    <HelpPopover label={t('glossary.button')} title={t('glossary.title')} closeLabel={t('close')} text={t('glossary.button')}>
      <dl className="grid gap-2" data-glossary="">
        {GLOSSARY_TERMS.map((term) => (
          <div key={term}>
            <dt className="font-medium">{t(`glossary.${term}.term`)}</dt>
            <dd className="text-muted-foreground">{t(`glossary.${term}.text`, { scale })}</dd>
          </div>
        ))}
      </dl>
    </HelpPopover>
  );
}
