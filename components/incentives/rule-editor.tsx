'use client';
// A structured editor for the rule tree: groups (all / any / not) holding clauses or groups.
// Each clause is one row of selects and inputs; its errors show under it, at the field.
import { useLocale, useTranslations } from 'next-intl';
import { Plus, Trash2, type LucideIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { clauseNode, emptyClause, groupNode, PERIOD_CLAUSE_KINDS, type ClauseDraft, type NodeDraft } from './program-draft';
import { COMPARATORS, INDICATOR_MEASURES, PERCENTILE_SCOPES } from '@/core/eligibility';
import { pickName, type Label } from '@/core/i18n/label';
import type { Vocabulary } from './rule-labels';

type Msg = (key: string) => string | undefined;

/** What every part of the tree needs from the form; handed down unchanged. */
type EditorContext = {
  vocabulary: Vocabulary;
  eligibleTypes: string[];
  /** The translated error at a schema path ("rule.rules.0.clause.value"), if any. */
  errorAt: Msg;
};

const GROUP_OPS = ['all', 'any', 'not'] as const;

export function RuleEditor({ node, onChange, ...ctx }: { node: NodeDraft; onChange: (n: NodeDraft) => void } & EditorContext) {
  return <NodeEditor node={node} path="rule" onChange={onChange} onRemove={null} ctx={ctx} depth={0} />;
}

/** A part of the tree at a schema path, with its way to change and (unless it is the only part) to go. */
type PartProps<T> = { path: string; onChange: (value: T) => void; onRemove: (() => void) | null; ctx: EditorContext };

function NodeEditor({ node, path, onChange, onRemove, ctx, depth }: PartProps<NodeDraft> & { node: NodeDraft; depth: number }) {
  const t = useTranslations('incentives.rule');
  if (node.op === 'clause') {
    return <ClauseEditor clause={node.clause} path={`${path}.clause`} onChange={(clause) => onChange({ ...node, clause })} onRemove={onRemove} ctx={ctx} />;
  }
  const childPath = (i: number) => (node.op === 'not' ? `${path}.rule` : `${path}.rules.${i}`);
  const groupError = ctx.errorAt(node.op === 'not' ? path : `${path}.rules`) ?? ctx.errorAt(path);
  const setChild = (i: number, child: NodeDraft) => onChange({ ...node, children: node.children.map((c, j) => (j === i ? child : c)) });
  const removeChild = (i: number) => onChange({ ...node, children: node.children.filter((_, j) => j !== i) });
  const addChild = (child: NodeDraft) => onChange({ ...node, children: [...node.children, child] });
  return (
    <fieldset className="grid gap-3 rounded-lg border border-border bg-muted/30 p-3" data-testid={`rule-group-${path}`}>
      <legend className="sr-only">{t('groupLegend')}</legend>
      <div className="flex flex-wrap items-end gap-2">
        <FormField label={t('groupOp')} className="w-full sm:w-64">
          <ChoiceSelect
            value={node.op}
            choices={GROUP_OPS}
            label={(op) => t(`ops.${op}`)}
            // "not" holds exactly one part; keep the first when switching to it.
            onValueChange={(op) => onChange({ ...node, op, children: op === 'not' ? node.children.slice(0, 1) : node.children })}
          />
        </FormField>
        {onRemove ? <PartButton icon={Trash2} variant="ghost" label={t('removeGroup')} onClick={onRemove} /> : null}
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
              ctx={ctx}
              depth={depth + 1}
            />
          </li>
        ))}
      </ol>
      {node.op !== 'not' || node.children.length === 0 ? (
        <div className="flex flex-wrap gap-2">
          <PartButton icon={Plus} variant="outline" label={t('addClause')} onClick={() => addChild(clauseNode())} />
          {depth < 4 ? <PartButton icon={Plus} variant="outline" label={t('addGroup')} onClick={() => addChild(groupNode('any'))} /> : null}
        </div>
      ) : null}
    </fieldset>
  );
}

function ClauseEditor({ clause, path, onChange, onRemove, ctx }: PartProps<ClauseDraft> & { clause: ClauseDraft }) {
  const t = useTranslations('incentives.rule');
  const { vocabulary, eligibleTypes, errorAt } = ctx;
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
        <ChoiceSelect value={clause.kind} choices={PERIOD_CLAUSE_KINDS} label={(k) => t(`kinds.${k}`)} onValueChange={(kind) => onChange({ ...emptyClause(kind), periods: clause.periods })} />
      </FormField>
      {clause.kind === 'objective' ? (
        <FormField label={t('objective')} error={err('objective')}>
          <NamedSelect value={clause.objective} items={vocabulary.objectives} placeholder={t('choose')} onValueChange={(v) => set('objective', v)} />
        </FormField>
      ) : null}
      {clause.kind === 'indicator' ? (
        <>
          <FormField label={t('indicator')} error={err('indicator')}>
            <NamedSelect value={clause.indicator} items={indicators} placeholder={t('choose')} onValueChange={(v) => set('indicator', v)} />
          </FormField>
          <FormField label={t('measure')}>
            <ChoiceSelect value={clause.measure} choices={INDICATOR_MEASURES} label={(m) => t(`measures.${m}`)} onValueChange={(m) => set('measure', m)} />
          </FormField>
        </>
      ) : null}
      {clause.kind === 'percentile' ? (
        <FormField label={t('scope')}>
          <ChoiceSelect value={clause.scope} choices={PERCENTILE_SCOPES} label={(s) => t(`scopes.${s}`)} onValueChange={(s) => set('scope', s)} />
        </FormField>
      ) : null}
      {clause.kind === 'grade' ? (
        <FormField label={t('atLeastGrade')} error={err('atLeast')}>
          <ChoiceSelect value={clause.atLeast} choices={vocabulary.grades} label={(g) => g} placeholder={t('choose')} onValueChange={(g) => set('atLeast', g)} />
        </FormField>
      ) : null}
      {clause.kind === 'noRedFlag' ? (
        <FormField label={t('redFlagIndicator')} error={err('indicator')}>
          {/* The empty first option means "any indicator" here rather than "choose one". */}
          <NamedSelect value={clause.indicator} items={flagIndicators} placeholder={t('anyIndicator')} onValueChange={(v) => set('indicator', v)} />
        </FormField>
      ) : null}
      {hasCmp ? (
        <>
          <FormField label={t('comparison')}>
            <ChoiceSelect value={clause.cmp} choices={COMPARATORS} label={(c) => t(`cmp.${c}`)} onValueChange={(c) => set('cmp', c)} />
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
          <PartButton icon={Trash2} variant="ghost" label={t('removeClause')} onClick={onRemove} />
        </div>
      ) : null}
    </div>
  );
}

/** Objectives or indicators of the vocabulary by code, named in the UI language. */
function NamedSelect({ value, items, placeholder, onValueChange }: { value: string; items: { code: string; name: Label }[]; placeholder: string; onValueChange: (code: string) => void }) {
  const locale = useLocale();
  return (
    <NativeSelect value={value} onChange={(e) => onValueChange(e.target.value)} placeholder={placeholder}>
      {items.map((i) => (
        <option key={i.code} value={i.code}>
          {pickName(i.name, locale)}
        </option>
      ))}
    </NativeSelect>
  );
}

/** Adds or removes a part of the tree: a small button, its icon before its text. */
function PartButton({ icon: Icon, variant, label, onClick }: { icon: LucideIcon; variant: 'outline' | 'ghost'; label: string; onClick: () => void }) {
  return (
    <Button variant={variant} size="sm" onClick={onClick}>
      <Icon aria-hidden="true" className="size-4" />
      {label}
    </Button>
  );
}
