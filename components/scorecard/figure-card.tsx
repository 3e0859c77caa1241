// A scorecard section: a card with its figures as a table and, when there is one, a chart of them
// with the table behind a toggle. County and stakeholder scorecards build every section with it.
import type { ReactNode } from 'react';
import { ChartWithTable } from '@/components/charts/chart-with-table';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableCaption, TBody, THead, TR } from '@/components/ui/table';

export function FigureCard({ title, description, caption, head, chart, tableToggleLabel = '', defaultTableOpen, children }: {
  title: string;
  description?: string;
  /** The table's caption, also the label of its scroll region. */
  caption: string;
  /** The header cells. */
  head: ReactNode;
  chart?: ReactNode;
  tableToggleLabel?: string;
  defaultTableOpen?: boolean;
  /** The body rows. */
  children: ReactNode;
}) {
  const table = (
    <Table dense scrollLabel={caption}>
      <TableCaption>{caption}</TableCaption>
      <THead>
        <TR>{head}</TR>
      </THead>
      <TBody>{children}</TBody>
    </Table>
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description !== undefined ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>
        {chart ? (
          <ChartWithTable chart={chart} tableToggleLabel={tableToggleLabel} defaultTableOpen={defaultTableOpen}>
            {table}
          </ChartWithTable>
        ) : (
          table
        )}
      </CardContent>
    </Card>
  );
}
