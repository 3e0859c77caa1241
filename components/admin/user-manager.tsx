'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import * as z from 'zod/mini';
import { useTRPC } from '@/lib/trpc/client';
import { PASSWORD_MIN, passwordSchema, userCreateSchema, userUpdateSchema } from '@/core/schemas/org';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ListPager, ListTable, RangeNote, SearchField, SortTH, useListParams } from '@/components/app/paged-list';
import type { UserListParams } from '@/core/schemas/lists';
import { userListShape } from '@/core/schemas/list-shapes';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { TD, TH, TR } from '@/components/ui/table';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { ListEditorLayout } from '@/components/ui/list-editor-layout';
import { NativeSelect } from '@/components/ui/native-select';
import { ROLES, type Role } from '@/core/domain/enums';
import { pickName } from '@/core/i18n/label';
import { formatList } from '@/core/i18n/format';
import { LangText } from '@/components/ui/lang-text';

type Editing =
  | { mode: 'create' }
  | { mode: 'edit'; id: string; username: string; name: string; role: Role; regionIds: number[]; stakeholderId: number | null }
  | { mode: 'password'; id: string; username: string };

type UserPage = inferRouterOutputs<AppRouter>['users']['list'];

/** The accounts a page at a time (filters, sort and page in the URL; components/app/paged-list) and the editor beside them. */
export function UserManager({ currentUserId, data, params }: { currentUserId: string; data: UserPage; params: UserListParams }) {
  const t = useTranslations('admin.users');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const { view, href, set, refresh, pending } = useListParams(userListShape, params);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const disable = useMutation(trpc.users.setDisabled.mutationOptions());
  return (
    <ListEditorLayout
      editor={
        editing ? (
          <UserPanel
            key={editing.mode + ('id' in editing ? editing.id : '')}
            editing={editing}
            onClose={() => setEditing(null)}
            onDone={async (message) => {
              setEditing(null);
              setNotice(message);
              refresh();
            }}
          />
        ) : null
      }
    >
      <section aria-labelledby="users-heading" className="grid min-w-0 content-start gap-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="users-heading" className="text-lg font-semibold">{t('listHeading')}</h2>
          <Button onClick={() => setEditing({ mode: 'create' })}>
            <Plus aria-hidden="true" />
            {t('create')}
          </Button>
        </div>
        {notice ? <Alert variant="success" title={notice} /> : null}
        <div role="search" className="grid gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2">
          <SearchField label={t('search')} value={view.search ?? ''} onCommit={(search) => set({ search: search || undefined })} />
          <label className="grid gap-1 text-sm font-medium">
            {t('fields.role')}
            <NativeSelect value={view.role ?? ''} onChange={(e) => set({ role: (e.target.value || undefined) as Role | undefined })}>
              <option value="">{t('allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>{tc(`roles.${r}`)}</option>
              ))}
            </NativeSelect>
          </label>
        </div>
        {data.total === 0 ? (
          <EmptyState title={t('empty')} />
        ) : (
          <>
            <RangeNote data={data} />
            <ListTable
              className="min-w-[600px]"
              stickyActions
              caption={t('listHeading')}
              pending={pending}
              head={
                <>
                  <SortTH params={params} sortKey="username" href={href} label={t('fields.username')} />
                  <SortTH params={params} sortKey="name" href={href} label={t('fields.name')} />
                  <SortTH params={params} sortKey="role" href={href} label={t('fields.role')} />
                  <TH>{t('fields.scope')}</TH>
                  <TH>{t('fields.status')}</TH>
                  <TH><span className="sr-only">{t('actions')}</span></TH>
                </>
              }
            >
              {data.items.map((u) => (
                <TR key={u.id} selected={editing !== null && 'id' in editing && editing.id === u.id}>
                  <TD className="font-mono text-xs">{u.username}</TD>
                  <TD className="whitespace-nowrap font-medium"><LangText>{u.name}</LangText></TD>
                  <TD className="whitespace-nowrap">{tc(`roles.${u.role}`)}</TD>
                  <TD className="min-w-40 text-muted-foreground">
                    {u.role === 'assessor'
                      ? formatList(u.regions.map((r) => pickName(r.name, locale)), locale) || '—'
                      : u.role === 'stakeholder'
                        ? (u.stakeholderName ?? '—')
                        : t('scopeAll')}
                  </TD>
                  <TD>
                    <Badge variant={u.disabled ? 'danger' : 'success'}>{u.disabled ? t('disabled') : t('enabled')}</Badge>
                  </TD>
                  <TD>
                    <div className="flex justify-end gap-1 whitespace-nowrap">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('editUser', { username: u.username ?? '' })}
                        onClick={() =>
                          setEditing({ mode: 'edit', id: u.id, username: u.username ?? '', name: u.name, role: u.role, regionIds: u.regions.map((r) => r.regionId), stakeholderId: u.stakeholderId })
                        }
                      >
                        {t('edit')}
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={t('resetPasswordFor', { username: u.username ?? '' })} onClick={() => setEditing({ mode: 'password', id: u.id, username: u.username ?? '' })}>
                        {t('resetPassword')}
                      </Button>
                      {u.id !== currentUserId ? (
                        <Button
                          size="sm"
                          variant={u.disabled ? 'secondary' : 'ghost'}
                          className={u.disabled ? undefined : 'text-danger'}
                          aria-label={(u.disabled ? t('enableUser') : t('disableUser')) + ' ' + (u.username ?? '')}
                          onClick={async () => {
                            if (!u.disabled && !window.confirm(t('disableConfirm', { username: u.username ?? '' }))) return;
                            await disable.mutateAsync({ id: u.id, disabled: !u.disabled });
                            setNotice(u.disabled ? t('enabledNotice', { username: u.username ?? '' }) : t('disabledNotice', { username: u.username ?? '' }));
                            refresh();
                          }}
                        >
                          {u.disabled ? t('enable') : t('disable')}
                        </Button>
                      ) : null}
                    </div>
                  </TD>
                </TR>
              ))}
            </ListTable>
            <ListPager data={data} href={href} />
          </>
        )}
      </section>
    </ListEditorLayout>
  );
}

function UserPanel({ editing, onClose, onDone }: { editing: Editing; onClose: () => void; onDone: (message: string) => void }) {
  const t = useTranslations('admin.users');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const counties = useQuery(trpc.regions.list.queryOptions({ level: 'county' }));
  const create = useMutation(trpc.users.create.mutationOptions());
  const update = useMutation(trpc.users.update.mutationOptions());
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());
  const form = useZodForm({
    initial: {
      username: editing.mode === 'create' ? '' : editing.username,
      name: editing.mode === 'edit' ? editing.name : '',
      password: '',
      role: (editing.mode === 'edit' ? editing.role : 'assessor') as Role,
      regionIds: editing.mode === 'edit' ? editing.regionIds : ([] as number[]),
      stakeholderId: editing.mode === 'edit' && editing.stakeholderId ? String(editing.stakeholderId) : '',
    },
    schema: editing.mode === 'create' ? userCreateSchema : editing.mode === 'edit' ? userUpdateSchema : z.object({ password: passwordSchema }),
    toInput: (v) => {
      const stakeholderId = v.stakeholderId ? Number(v.stakeholderId) : null;
      if (editing.mode === 'create') return { ...v, stakeholderId };
      if (editing.mode === 'edit') return { id: editing.id, name: v.name, role: v.role, regionIds: v.regionIds, stakeholderId };
      return { password: v.password };
    },
    submit: async (data) => {
      // The schema was chosen by the mode above, so the data has that mode's shape.
      if (editing.mode === 'create') {
        const input = data as z.output<typeof userCreateSchema>;
        await create.mutateAsync(input);
        onDone(t('createdNotice', { username: input.username }));
      } else if (editing.mode === 'edit') {
        await update.mutateAsync(data as z.output<typeof userUpdateSchema>);
        onDone(t('updatedNotice', { username: editing.username }));
      } else {
        await reset.mutateAsync({ id: editing.id, password: (data as { password: string }).password });
        onDone(t('passwordNotice', { username: editing.username }));
      }
    },
  });
  const { values, error: msg, errors, formError } = form;
  // The province has hundreds of stakeholders: search narrows the list to pick from.
  const [stakeholderSearch, setStakeholderSearch] = useState('');
  const stakeholders = useQuery({
    ...trpc.stakeholders.list.queryOptions({ page: 1, pageSize: 100, includeInactive: false, search: stakeholderSearch.trim() || undefined }),
    enabled: values.role === 'stakeholder',
    placeholderData: keepPreviousData,
  });
  const stakeholderItems = stakeholders.data?.items ?? [];

  const title = editing.mode === 'create' ? t('createTitle') : editing.mode === 'edit' ? t('editTitle', { username: editing.username }) : t('passwordTitle', { username: editing.username });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <span ref={headingRef} tabIndex={-1} className="outline-none">{title}</span>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={form.onSubmit} noValidate className="grid gap-4">
          {formError ? <Alert variant="error" title={t('saveFailed')}>{formError}</Alert> : null}
          {editing.mode === 'create' ? (
            <FormField label={t('fields.username')} required error={msg('username')} description={t('usernameHint')}>
              <Input value={values.username} onChange={(e) => form.set('username', e.target.value)} autoCapitalize="none" spellCheck={false} />
            </FormField>
          ) : null}
          {editing.mode !== 'password' ? (
            <>
              <FormField label={t('fields.name')} required error={msg('name')}>
                <Input value={values.name} onChange={(e) => form.set('name', e.target.value)} />
              </FormField>
              <FormField label={t('fields.role')} required error={msg('role')}>
                <NativeSelect value={values.role} onChange={(e) => form.set('role', e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>{tc(`roles.${r}`)}</option>
                  ))}
                </NativeSelect>
              </FormField>
              {values.role === 'assessor' ? (
                <fieldset className="grid gap-2" aria-describedby={errors.regionIds ? 'regions-error' : undefined}>
                  <legend className="mb-1 text-sm font-medium">{t('fields.regions')}</legend>
                  {(counties.data ?? []).map((c) => (
                    <label key={c.id} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4 accent-primary"
                        checked={values.regionIds.includes(c.id)}
                        onChange={(e) => form.set('regionIds', e.target.checked ? [...values.regionIds, c.id] : values.regionIds.filter((x) => x !== c.id))}
                      />
                      {pickName(c.name, locale)}
                    </label>
                  ))}
                  {errors.regionIds ? <p id="regions-error" className="text-sm font-medium text-danger">{msg('regionIds')}</p> : null}
                </fieldset>
              ) : null}
              {values.role === 'stakeholder' ? (
                <>
                  <FormField label={t('stakeholderSearch')} description={stakeholders.data ? t('stakeholderMatches', { total: stakeholders.data.total, shown: stakeholderItems.length }) : undefined}>
                    <Input type="search" value={stakeholderSearch} onChange={(e) => setStakeholderSearch(e.target.value)} />
                  </FormField>
                  <FormField label={t('fields.stakeholder')} required error={msg('stakeholderId')}>
                    <NativeSelect value={values.stakeholderId} onChange={(e) => form.set('stakeholderId', e.target.value)}>
                      <option value="">{t('chooseStakeholder')}</option>
                      {values.stakeholderId && !stakeholderItems.some((s) => String(s.id) === values.stakeholderId) ? (
                        <option value={values.stakeholderId}>{t('currentStakeholder', { id: values.stakeholderId })}</option>
                      ) : null}
                      {stakeholderItems.map((s) => (
                        <option key={s.id} value={s.id}>{s.code} · {s.name}</option>
                      ))}
                    </NativeSelect>
                  </FormField>
                </>
              ) : null}
            </>
          ) : null}
          {editing.mode !== 'edit' ? (
            <FormField label={editing.mode === 'create' ? t('fields.password') : t('fields.newPassword')} required error={msg('password')} description={t('passwordHint', { min: PASSWORD_MIN })}>
              <Input type="password" autoComplete="new-password" value={values.password} onChange={(e) => form.set('password', e.target.value)} />
            </FormField>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" loading={form.submitting}>{tc('save')}</Button>
            <Button type="button" variant="outline" onClick={onClose}>{tc('cancel')}</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
