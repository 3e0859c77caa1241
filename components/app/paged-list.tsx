'use client';
// The one way a list keeps its state: in the URL. The page (a server component) reads the
// parameters with listParamsFromUrl, fetches the page of rows and renders it; changing a filter,
// the sort or the page replaces the URL and the server renders the new page. So the first page
// arrives with the HTML and any view can be linked to.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, ArrowUpDown, Search } from 'lucide-react';
import { listQuery, withListPatch, type ListShape, type SortDirection } from '@/core/schemas/list-query';
import { Input } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableCaption, TBody, TH, THead, TR } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { usePaginationLabels } from './use-pagination-labels';

type Params = { page: number; pageSize: number; sort: string; dir: SortDirection };

/**
 * The list's parameters with a way to link to or move to a changed view (filters reset the page).
 * `view` is what the user asked for: the controls show it at once, while the server renders it, and
 * a second change made meanwhile builds on the first. `shape`: the list's keys and defaults
 * (core/schemas/list-shapes.ts; no schema: the server parses the URL).
 */
export function useListParams<T extends object>(shape: ListShape<Extract<keyof T, string>>, params: T) {
  type P = T & { page: number };
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [rendered, setRendered] = useState(params);
  const [view, setView] = useState(params);
  const latest = useRef(params);
  if (rendered !== params) {
    // The server rendered a new view: it is now the one asked for.
    setRendered(params);
    setView(params);
  }
  useEffect(() => {
    latest.current = view;
  }, [view]);
  const href = (patch: Partial<T> = {}) => pathname + listQuery(shape, params, patch);
  const set = (patch: Partial<T>) => {
    const next = withListPatch(latest.current as P, patch as Partial<P>);
    latest.current = next;
    setView(next);
    startTransition(() => router.replace(pathname + listQuery(shape, next), { scroll: false }));
  };
  /** After a change to the data itself: render the same view again. */
  const refresh = () => startTransition(() => router.refresh());
  return { params, view, href, set, refresh, pending };
}

/** A search box that applies its text after a pause in typing, or at once on Enter. */
export function SearchField({ label, placeholder, value, onCommit }: { label: string; placeholder?: string; value: string; onCommit: (text: string) => void }) {
  const [text, setText] = useState(value);
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  const applied = useRef(value);
  useEffect(() => {
    if (text.trim() === applied.current.trim()) return;
    const id = setTimeout(() => {
      applied.current = text;
      commit.current(text.trim());
    }, 350);
    return () => clearTimeout(id);
  }, [text]);
  return (
    <label className="grid gap-1 text-sm font-medium">
      {label}
      <span className="relative">
        <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            applied.current = text;
            onCommit(text.trim());
          }}
          placeholder={placeholder}
          className="pl-9"
        />
      </span>
    </label>
  );
}

/** `aria-sort` of a column header. */
export function ariaSort(params: Pick<Params, 'sort' | 'dir'>, key: string): 'ascending' | 'descending' | undefined {
  return params.sort === key ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined;
}

/** A column header's link that sorts by the column (again: the other way). */
export function SortLink<S extends string>({
  params,
  sortKey,
  href,
  label,
}: {
  params: { sort: S; dir: SortDirection };
  sortKey: NoInfer<S>;
  href: (patch: { sort: S; dir: SortDirection }) => string;
  label: string;
}) {
  const t = useTranslations('common.pagination');
  const active = params.sort === sortKey;
  const dir: SortDirection = active && params.dir === 'asc' ? 'desc' : 'asc';
  const Icon = !active ? ArrowUpDown : params.dir === 'asc' ? ArrowUp : ArrowDown;
  return (
    <Link href={href({ sort: sortKey, dir })} prefetch={false} scroll={false} replace className="inline-flex items-center gap-1 hover:text-foreground" title={t('sortBy', { column: label })}>
      {label}
      <Icon aria-hidden="true" className="size-3.5" />
    </Link>
  );
}

/** A sortable column's header cell: `aria-sort` and the link that sorts by it. */
export function SortTH<S extends string>({ numeric, ...link }: Parameters<typeof SortLink<S>>[0] & { numeric?: boolean }) {
  return (
    <TH numeric={numeric} aria-sort={ariaSort(link.params, link.sortKey)}>
      <SortLink {...link} />
    </TH>
  );
}

/** A page of a list as a table, named by `caption`, dimmed while the next view renders. */
export function ListTable({ caption, pending, className, dense, stickyActions, head, children }: {
  caption: string;
  pending: boolean;
  className?: string;
  dense?: boolean;
  /** The last column holds each row's actions: keep it in view (components/ui/table.tsx). */
  stickyActions?: boolean;
  /** The header cells. */
  head: ReactNode;
  /** The rows. */
  children: ReactNode;
}) {
  return (
    <Table scrollLabel={caption} dense={dense} stickyActions={stickyActions} className={cn(className, pending && 'opacity-60')} aria-busy={pending}>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <THead>
        <TR>{head}</TR>
      </THead>
      <TBody>{children}</TBody>
    </Table>
  );
}

/** "1–50 of 3,000" and the page links under a list. */
export function ListPager({ data, href }: { data: { page: number; pageCount: number }; href: (patch: { page: number }) => string }) {
  const labels = usePaginationLabels(data.page, data.pageCount);
  if (data.pageCount <= 1) return null;
  return <Pagination page={data.page} pageCount={data.pageCount} labels={labels} hrefForPage={(page) => href({ page })} />;
}

/** "Showing 51–100 of 3,000". */
export function RangeNote({ data }: { data: { page: number; pageSize: number; total: number; items: readonly unknown[] } }) {
  const t = useTranslations('common.pagination');
  const from = data.items.length ? (data.page - 1) * data.pageSize + 1 : 0;
  return (
    <p className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
      {t('range', { from, to: from + Math.max(0, data.items.length - 1), total: data.total })}
    </p>
  );
}
