'use client';
// A structured editor for the rule tree: groups (all / any / not) holding clauses or groups.
// Each clause is one row of selects and inputs; its errors show under it, at the field.
import { useLocale, useTranslations } from 'next-intl';
import { Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { clauseNode, emptyClause, groupNode, PERIOD_CLAUSE_KINDS, type ClauseDraft, type NodeDraft } from './program-draft';
import { pickName } from '@/core/i18n/label';
import type { Vocabulary } from './rule-labels';

type Msg = (key: string) => string | undefined;

export function RuleEditor({
  node,
  onChange,
  vocabulary,
  eligibleTypes,
  errorAt,
}: {
  node: NodeDraft;
  onChange: (n: NodeDraft) => void;
  vocabulary: Vocabulary;
  eligibleTypes: string[];
  /** The translated error at a schema path ("rule.rules.0.clause.value"), if any. */
  errorAt: Msg;
}) {
  return <NodeEditor node={node} path="rule" onChange={onChange} onRemove={null} vocabulary={vocabulary} eligibleTypes={eligibleTypes} errorAt={errorAt} depth={0} />;
}

function NodeEditor({
  node,
  path,
  onChange,
  onRemove,
  vocabulary,
  eligibleTypes,
  errorAt,
  depth,
}: {
  node: NodeDraft;
  path: string;
  onChange: (n: NodeDraft) => void;
  onRemove: (() => void) | null;
  vocabulary: Vocabulary;
  eligibleTypes: string[];
  errorAt: Msg;
  depth: number;
}) {
  const t = useTranslations('incentives.rule');
  if (node.op === 'clause') {
    return <ClauseEditor clause={node.clause} path={`${path}.clause`} onChange={(clause) => onChange({ ...node, clause })} onRemove={onRemove} vocabulary={vocabulary} eligibleTypes={eligibleTypes} errorAt={errorAt} />;
  }
  const childPath = (i: number) => (node.op === 'not' ? `${path}.rule` : `${path}.rules.${i}`);
  const groupError = errorAt(node.op === 'not' ? path : `${path}.rules`) ?? errorAt(path);
  const setChild = (i: number, child: NodeDraft) => onChange({ ...node, children: node.children.map((c, j) => (j === i ? child : c)) });
  const removeChild = (i: number) => onChange({ ...node, children: node.children.filter((_, j) => j !== i) });
  return (
    <fieldset className="grid gap-3 rounded-lg border border-border bg-muted/30 p-3" data-testid={`rule-group-${path}`}>
      <legend className="sr-only">{t('groupLegend')}</legend>
      <div className="flex flex-wrap items-end gap-2">
        <FormField label={t('groupOp')} className="w-full sm:w-64">
          <NativeSelect
            value={node.op}
            onChange={(e) => {
              const op = e.target.value as NodeDraft['op'];
              // "not" holds exactly one part; keep the first when switching to it.
              onChange({ ...node, op, children: op === 'not' ? node.children.slice(0, 1) : node.children });
            }}
          >
            <option value="all">{t('ops.all')}</option>
            <option value="any">{t('ops.any')}</option>
            <option value="not">{t('ops.not')}</option>
          </NativeSelect>
        </FormField>
        {onRemove ? (
          <Button variant="ghost" size="sm" onClick={onRemove}>
            <Trash2 aria-hidden="true" className="size-4" />
            {t('removeGroup')}
          </Button>
        ) : null}
      </div>
      {groupError ? <p className="text-sm font-medium text-danger">{groupError}</p> : null}
      <ol className="grid gap-3">
        {node.children.map((child, i) => (
          <li key={child.key}>
            <NodeEditor
              node={child}
              path={childPath(i)}
              onChange={(c) => setChild(i, c)}
              onRemove={node.children.length > 1 || node.op === 'not' ? () => removeChild(i) : null}
              vocabulary={vocabulary}
              eligibleTypes={eligibleTypes}
              errorAt={errorAt}
              depth={depth + 1}
            />
          </li>
        ))}
      </ol>
      {node.op !== 'not' || node.children.length === 0 ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" size="sm" onClick={() => onChange({ ...node, children: [...node.children, clauseNode()] })}>
            <Plus aria-hidden="true" className="size-4" />
            {t('addClause')}
          </Button>
          {depth < 4 ? (
            <Button variant="outline" size="sm" onClick={() => onChange({ ...node, children: [...node.children, groupNode('any')] })}>
              <Plus aria-hidden="true" className="size-4" />
              {t('addGroup')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

function ClauseEditor({
  clause,
  path,
  onChange,
  onRemove,
  vocabulary,
  eligibleTypes,
  errorAt,
}: {
  clause: ClauseDraft;
  path: string;
  onChange: (c: ClauseDraft) => void;
  onRemove: (() => void) | null;
  vocabulary: Vocabulary;
  eligibleTypes: string[];
  errorAt: Msg;
}) {
  const t = useTranslations('incentives.rule');
  const locale = useLocale();
  const set = <K extends keyof ClauseDraft>(k: K, v: ClauseDraft[K]) => onChange({ ...clause, [k]: v });
  const consecutive = clause.periods.trim() !== '';
  const inner = consecutive ? `${path}.clause` : path;
  const err = (field: string) => errorAt(`${inner}.${field}`);
  const indicators = vocabulary.indicators.filter((i) => eligibleTypes.length === 0 || eligibleTypes.includes(i.type));
  const flagIndicators = indicators.filter((i) => i.redFlagAbove !== null);
  const hasCmp = clause.kind !== 'grade' && clause.kind !== 'noRedFlag';
  return (
    <div className="grid gap-3 rounded-md border border-border bg-card p-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="rule-clause">
      <FormField label={t('clauseKind')} error={errorAt(`${inner}.kind`)}>
        <NativeSelect value={clause.kind} onChange={(e) => onChange({ ...emptyClause(e.target.value as ClauseDraft['kind']), periods: clause.periods })}>
          {PERIOD_CLAUSE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {clause.kind === 'objective' ? (
        <FormField label={t('objective')} error={err('objective')}>
          <NativeSelect value={clause.objective} onChange={(e) => set('objective', e.target.value)} placeholder={t('choose')}>
            {vocabulary.objectives.map((o) => (
              <option key={o.code} value={o.code}>
                {pickName(o.name, locale)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      ) : null}
      {clause.kind === 'indicator' ? (
        <>
          <FormField label={t('indicator')} error={err('indicator')}>
            <NativeSelect value={clause.indicator} onChange={(e) => set('indicator', e.target.value)} placeholder={t('choose')}>
              {indicators.map((i) => (
                <option key={i.code} value={i.code}>
                  {pickName(i.name, locale)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label={t('measure')}>
            <NativeSelect value={clause.measure} onChange={(e) => set('measure', e.target.value as ClauseDraft['measure'])}>
              <option value="raw">{t('measures.raw')}</option>
              <option value="normalized">{t('measures.normalized')}</option>
            </NativeSelect>
          </FormField>
        </>
      ) : null}
      {clause.kind === 'percentile' ? (
        <FormField label={t('scope')}>
          <NativeSelect value={clause.scope} onChange={(e) => set('scope', e.target.value as ClauseDraft['scope'])}>
            <option value="province">{t('scopes.province')}</option>
            <option value="county">{t('scopes.county')}</option>
          </NativeSelect>
        </FormField>
      ) : null}
      {clause.kind === 'grade' ? (
        <FormField label={t('atLeastGrade')} error={err('atLeast')}>
          <NativeSelect value={clause.atLeast} onChange={(e) => set('atLeast', e.target.value)} placeholder={t('choose')}>
            {vocabulary.grades.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      ) : null}
      {clause.kind === 'noRedFlag' ? (
        <FormField label={t('redFlagIndicator')} error={err('indicator')}>
          <NativeSelect value={clause.indicator} onChange={(e) => set('indicator', e.target.value)}>
            <option value="">{t('anyIndicator')}</option>
            {flagIndicators.map((i) => (
              <option key={i.code} value={i.code}>
                {pickName(i.name, locale)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      ) : null}
      {hasCmp ? (
        <>
          <FormField label={t('comparison')}>
            <NativeSelect value={clause.cmp} onChange={(e) => set('cmp', e.target.value as ClauseDraft['cmp'])}>
              <option value="gte">{t('cmp.gte')}</option>
              <option value="lte">{t('cmp.lte')}</option>
            </NativeSelect>
          </FormField>
          <FormField label={t('threshold')} error={err('value')} required>
            <Input inputMode="decimal" value={clause.value} onChange={(e) => set('value', e.target.value)} />
          </FormField>
        </>
      ) : null}
      <FormField label={t('periods')} description={t('periodsHint')} error={errorAt(`${path}.periods`)}>
        <Input inputMode="numeric" value={clause.periods} onChange={(e) => set('periods', e.target.value)} />
      </FormField>
      {onRemove ? (
        <div className="flex items-end">
          <Button variant="ghost" size="sm" onClick={onRemove}>
            <Trash2 aria-hidden="true" className="size-4" />
            {t('removeClause')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
