'use client';
// The stakeholder-type filter of the lists that show stakeholders (the registry, the work list).
import { useTranslations } from 'next-intl';
import { NativeSelect } from '@/components/ui/native-select';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';

export function TypeFilter({ label, allLabel, value, onChange }: { label: string; allLabel: string; value: StakeholderType | undefined; onChange: (type: StakeholderType | undefined) => void }) {
  const tc = useTranslations('common');
  return (
    <label className="grid gap-1 text-sm font-medium">
      {label}
      <NativeSelect value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as StakeholderType | undefined)}>
        <option value="">{allLabel}</option>
        {STAKEHOLDER_TYPES.map((ty) => (
          <option key={ty} value={ty}>
            {tc(`stakeholderTypes.${ty}`)}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}
