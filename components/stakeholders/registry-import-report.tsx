'use client';
// The dry-run report of a registry file: the summary, notes, and every problem by row and column
// (file-level problems from the shared decoder are worded by the evaluation import's catalog).
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { isRegistryProblemCode, type RegistryProblem, type RegistryReport } from '@/core/schemas/stakeholder-registry';

export function useRegistryProblemText() {
  const t = useTranslations('stakeholders.registry.problems');
  const decode = useTranslations('evaluations.import.problems');
  return (p: RegistryProblem) => (isRegistryProblemCode(p.code) ? t(p.code, { ...p.params }) : decode(p.code, { ...p.params }));
}

export function RegistryImportReport({ report, runAction }: { report: RegistryReport; runAction: ReactNode }) {
  const t = useTranslations('stakeholders.registry');
  const problemText = useRegistryProblemText();
  return (
    <div className="grid gap-4">
      <p className="text-sm" data-testid="registry-summary">
        {t('summary', { rows: report.rows, creates: report.creates, format: (report.format ?? '—').toUpperCase(), encoding: report.encoding ?? '—' })}
      </p>
      {report.warnings.map((w, i) => (
        <Alert key={i} variant="info">
          {w.column ? `${t('column')} ${w.column}: ` : ''}
          {problemText(w)}
        </Alert>
      ))}
      {report.ok ? (
        <Alert variant="success" title={t('cleanTitle')} action={runAction}>
          {t('cleanBody', { n: report.creates })}
        </Alert>
      ) : (
        <>
          <Alert variant="error" title={t('problemsTitle', { n: report.problems.length + report.moreProblems })}>
            {t('problemsBody')}
          </Alert>
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full text-sm" data-testid="registry-problems">
              <caption className="sr-only">{t('problemsCaption')}</caption>
              <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
                <tr>
                  <th scope="col" className="px-3 py-2">{t('row')}</th>
                  <th scope="col" className="px-3 py-2">{t('column')}</th>
                  <th scope="col" className="px-3 py-2">{t('problem')}</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td className="px-3 py-2 align-top tabular-nums">{p.row ?? '—'}</td>
                    <td className="px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">{p.column ?? '—'}</td>
                    <td className="px-3 py-2 [overflow-wrap:anywhere]">{problemText(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.moreProblems ? <p className="text-sm text-muted-foreground">{t('moreProblems', { n: report.moreProblems })}</p> : null}
        </>
      )}
    </div>
  );
}
