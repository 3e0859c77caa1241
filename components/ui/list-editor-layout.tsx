import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

// Class names are written out whole so Tailwind finds them.
const COLUMNS = {
  narrow: 'lg:grid-cols-[minmax(0,1fr)_20rem]',
  medium: 'lg:grid-cols-[minmax(0,1fr)_24rem]',
  wide: 'xl:grid-cols-[minmax(0,1fr)_26rem]',
} as const;
const STICKY = {
  narrow: 'lg:sticky lg:top-20',
  medium: 'lg:sticky lg:top-20',
  wide: 'xl:sticky xl:top-20',
} as const;

const ORDER = {
  narrow: 'order-first lg:order-last',
  medium: 'order-first lg:order-last',
  wide: 'order-first xl:order-last',
} as const;

/**
 * The list-and-editor screen: the list (or the main content) on the left and the editor panel
 * beside it, staying in view while the list scrolls; below the list on phones (above it with
 * `editorFirst`, for a panel people need before the list). Without an editor the list takes the
 * whole width. With `editorLabel` the panel is a labelled complementary region.
 */
export function ListEditorLayout({
  children,
  editor,
  width = 'medium',
  editorLabel,
  editorFirst = false,
}: {
  children: ReactNode;
  editor?: ReactNode;
  width?: keyof typeof COLUMNS;
  editorLabel?: string;
  editorFirst?: boolean;
}) {
  const Panel = editorLabel ? 'aside' : 'div';
  return (
    <div className={cn('grid grid-cols-1 gap-6', editor ? COLUMNS[width] : null)}>
      <div className="grid min-w-0 content-start gap-6">{children}</div>
      {editor ? (
        <Panel aria-label={editorLabel} className={cn('h-fit min-w-0', STICKY[width], editorFirst && ORDER[width])}>
          {editor}
        </Panel>
      ) : null}
    </div>
  );
}
