'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMutation } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { Button } from '@/components/ui/button';
import { buttonClassName } from '@/components/ui/styles';

export function ActiveToggle({ id, active, editing }: { id: number; active: boolean; editing: boolean }) {
  const t = useTranslations('stakeholders');
  const trpc = useTRPC();
  const router = useRouter();
  const toggle = useMutation(trpc.stakeholders.setActive.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-wrap gap-2">
      {!editing ? (
        <Link href={`/stakeholders/${id}?edit=1`} className={buttonClassName({ variant: 'outline' })}>
          <Pencil aria-hidden="true" />
          {t('profile.edit')}
        </Link>
      ) : null}
      <Button
        variant={active ? 'destructive' : 'secondary'}
        loading={toggle.isPending}
        onClick={() => {
          if (active && !window.confirm(t('profile.deactivateConfirm'))) return;
          toggle.mutate({ id, active: !active });
        }}
      >
        {active ? t('profile.deactivate') : t('profile.reactivate')}
      </Button>
    </div>
  );
}
