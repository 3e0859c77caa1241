'use client';
// The problems of a file that did not pass its dry run, by row and column, for both imports.
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';

type Problem = { row?: number | null; column?: string | null };

/** `namespace` holds the texts; both imports' catalogs name them alike. */
export function ImportProblems<P extends Problem>({ namespace, testId, problems, moreProblems, problemText }: {
  namespace: 'evaluations.import' | 'stakeholders.registry';
  testId: string;
  problems: readonly P[];
  moreProblems: number;
  problemText: (p: P) => string;
}) {
  const t = useTranslations(namespace);
  const labels = {
    title: t('problemsTitle', { n: problems.length + moreProblems }),
    body: t('problemsBody'),
    caption: t('problemsCaption'),
    row: t('row'),
    column: t('column'),
    problem: t('problem'),
    more: t('moreProblems', { n: moreProblems }),
  };
  return (
    <>
      <Alert variant="error" title={labels.title}>
        {labels.body}
      </Alert>
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-sm" data-testid={testId}>
          <caption className="sr-only">{labels.caption}</caption>
          <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2">{labels.row}</th>
              <th scope="col" className="px-3 py-2">{labels.column}</th>
              <th scope="col" className="px-3 py-2">{labels.problem}</th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {problems.map((p, i) => (
              <tr key={i}>
                <td className="px-3 py-2 align-top tabular-nums">{p.row ?? '—'}</td>
                <td className="px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">{p.column ?? '—'}</td>
                <td className="px-3 py-2 [overflow-wrap:anywhere]">{problemText(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {moreProblems ? <p className="text-sm text-muted-foreground">{labels.more}</p> : null}
    </>
  );
}
