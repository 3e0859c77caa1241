// Every route handler of the app, registered once: app/api/**/route.ts files export these, and
// the permission test calls each of them as every role (tests/integration/permissions.test.ts).
import 'server-only';
import type { Route } from './define-route';
import { appealFileDownloadRoute, appealFileUploadRoute } from './routes/appeals';
import { beneficiariesRoute, programFileRoute } from './routes/eligibility';
import { healthRoute } from './routes/health';
import { importTemplateRoute, importUploadRoute } from './routes/imports';
import { jobFileRoute, scorecardExportRoute, scorecardPdfRoute } from './routes/scorecard-export';
import { countyExportRoute, countyPdfRoute } from './routes/county-export';
import { localeRoute, signInRoute, signOutRoute } from './routes/session';
import { registryTemplateRoute, registryUploadRoute } from './routes/stakeholder-registry';
import { trpcGetRoute, trpcPostRoute } from './routes/trpc';

export const ROUTES: readonly Route[] = [
  trpcGetRoute,
  trpcPostRoute,
  healthRoute,
  signInRoute,
  signOutRoute,
  localeRoute,
  importUploadRoute,
  importTemplateRoute,
  scorecardExportRoute,
  scorecardPdfRoute,
  countyExportRoute,
  countyPdfRoute,
  jobFileRoute,
  programFileRoute,
  beneficiariesRoute,
  registryUploadRoute,
  registryTemplateRoute,
  appealFileUploadRoute,
  appealFileDownloadRoute,
];

export type { Route } from './define-route';
export {
  appealFileDownloadRoute,
  appealFileUploadRoute,
  beneficiariesRoute,
  countyExportRoute,
  countyPdfRoute,
  healthRoute,
  importTemplateRoute,
  importUploadRoute,
  jobFileRoute,
  localeRoute,
  programFileRoute,
  registryTemplateRoute,
  registryUploadRoute,
  scorecardExportRoute,
  scorecardPdfRoute,
  signInRoute,
  signOutRoute,
  trpcGetRoute,
  trpcPostRoute,
};
