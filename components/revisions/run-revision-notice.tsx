// On an eligibility run's page: the run a period's revision recomputed it from (with who gained,
// lost or got another amount), or the revision's run that replaced it. Both stay readable.
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { LangText } from '@/components/ui/lang-text';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { formatNumber } from '@/core/i18n/format';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

type Links = NonNullable<inferRouterOutputs<AppRouter>['eligibility']['get']['revision']>;

export async function RunRevisionNotice({ programId, links }: { programId: number; links: Links }) {
  const [t, tp, locale] = await Promise.all([getTranslations('revisions.run'), getTranslations('revisions.preview'), getLocale()]);
  const href = (id: number) => `/admin/programs/${programId}/runs/${id}`;
  const money = (x: number | null) => formatNumber(x, locale, { digits: 2 });
  const state = (s: { eligible: boolean; amount: number | null }) => (s.eligible ? `${tp('eligible')} ${money(s.amount)}` : tp('notEligible'));
  return (
    <div className="grid min-w-0 gap-3" data-run-revision="">
      {links.replacedBy ? (
        <Alert variant="warning" title={t('replacedBy', { id: links.replacedBy.id, number: links.replacedBy.number ?? 0 })}>
          <Link href={href(links.replacedBy.id)} className="text-primary hover:underline">{t('open', { id: links.replacedBy.id })}</Link>
        </Alert>
      ) : null}
      {links.replaces ? (
        <>
          <Alert variant="info" title={t('replaces', { id: links.replaces.id, number: links.replaces.number ?? 0 })}>
            <Link href={href(links.replaces.id)} className="text-primary hover:underline">{t('open', { id: links.replaces.id })}</Link>
          </Alert>
          {links.replaces.differences.overrides > 0 ? <Alert variant="warning" title={tp('overridesNotCarried', { count: links.replaces.differences.overrides })} /> : null}
          {links.replaces.differences.listed.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('noDifferences')}</p>
          ) : (
            <NamedTable
              name={t('differences')}
              dense
              head={
                <>
                  <TH>{tp('stakeholder')}</TH>
                  <TH>{tp('change')}</TH>
                  <TH>{tp('before')}</TH>
                  <TH>{tp('after')}</TH>
                </>
              }
            >
              {links.replaces.differences.listed.map((d) => (
                <TR key={d.stakeholderId}>
                  <TD>
                    <LangText>{d.name}</LangText> <span className="text-muted-foreground tabular-nums">{d.code}</span>
                  </TD>
                  <TD>{tp(`changes.${d.change}`)}</TD>
                  <TD>{state(d.before)}</TD>
                  <TD>{state(d.after)}</TD>
                </TR>
              ))}
            </NamedTable>
          )}
        </>
      ) : null}
    </div>
  );
}
