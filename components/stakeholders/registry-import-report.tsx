'use client';
// The dry-run report of a registry file: the summary, notes, and every problem by row and column
// (file-level problems from the shared decoder are worded by the evaluation import's catalog).
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { ImportProblems } from '@/components/imports/problem-table';
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
        <ImportProblems
          namespace="stakeholders.registry"
          testId="registry-problems"
          problems={report.problems}
          moreProblems={report.moreProblems}
          problemText={problemText}
        />
      )}
    </div>
  );
}
