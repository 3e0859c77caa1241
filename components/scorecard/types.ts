// What the scorecard procedures answer, as the pages receive it (the router's types, not the services').
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

type Outputs = inferRouterOutputs<AppRouter>['scorecards'];

export type Scorecard = Outputs['get'];
export type NextBand = NonNullable<Outputs['nextBand']>;
export type CountyScorecard = Outputs['county'];
