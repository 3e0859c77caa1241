// The message catalogs, one file per area and language. Add a namespace here in both languages;
// tests/unit/i18n checks that both catalogs have exactly the same keys.
import type { Locale } from './config';
import enCommon from '@/messages/en/common.json';
import zhCommon from '@/messages/zh-CN/common.json';
import enAuth from '@/messages/en/auth.json';
import zhAuth from '@/messages/zh-CN/auth.json';
import enValidation from '@/messages/en/validation.json';
import zhValidation from '@/messages/zh-CN/validation.json';
import enAdmin from '@/messages/en/admin.json';
import zhAdmin from '@/messages/zh-CN/admin.json';
import enStakeholders from '@/messages/en/stakeholders.json';
import zhStakeholders from '@/messages/zh-CN/stakeholders.json';
import enEvaluations from '@/messages/en/evaluations.json';
import zhEvaluations from '@/messages/zh-CN/evaluations.json';
import enScorecard from '@/messages/en/scorecard.json';
import zhScorecard from '@/messages/zh-CN/scorecard.json';
import enScorecardExports from '@/messages/en/scorecard-exports.json';
import zhScorecardExports from '@/messages/zh-CN/scorecard-exports.json';
import enMethod from '@/messages/en/method.json';
import zhMethod from '@/messages/zh-CN/method.json';
import enIncentives from '@/messages/en/incentives.json';
import zhIncentives from '@/messages/zh-CN/incentives.json';
import enJobs from '@/messages/en/jobs.json';
import zhJobs from '@/messages/zh-CN/jobs.json';
import enErrors from '@/messages/en/errors.json';
import zhErrors from '@/messages/zh-CN/errors.json';
import enReviewerTools from '@/messages/en/reviewer-tools.json';
import zhReviewerTools from '@/messages/zh-CN/reviewer-tools.json';
import enNotifications from '@/messages/en/notifications.json';
import zhNotifications from '@/messages/zh-CN/notifications.json';
import enWorkQueue from '@/messages/en/work-queue.json';
import zhWorkQueue from '@/messages/zh-CN/work-queue.json';
import enIncentivesOutlook from '@/messages/en/incentives-outlook.json';
import zhIncentivesOutlook from '@/messages/zh-CN/incentives-outlook.json';
import enAdminTools from '@/messages/en/admin-tools.json';
import zhAdminTools from '@/messages/zh-CN/admin-tools.json';
import enMethodCoverage from '@/messages/en/method-coverage.json';
import zhMethodCoverage from '@/messages/zh-CN/method-coverage.json';
import enScorecardExplained from '@/messages/en/scorecard-explained.json';
import zhScorecardExplained from '@/messages/zh-CN/scorecard-explained.json';
import enWhatIf from '@/messages/en/what-if.json';
import zhWhatIf from '@/messages/zh-CN/what-if.json';
import enAppeals from '@/messages/en/appeals.json';
import zhAppeals from '@/messages/zh-CN/appeals.json';
import enRevisions from '@/messages/en/revisions.json';
import zhRevisions from '@/messages/zh-CN/revisions.json';
import enRobustness from '@/messages/en/robustness.json';
import zhRobustness from '@/messages/zh-CN/robustness.json';

export const catalogs = {
  en: { common: enCommon, auth: enAuth, validation: enValidation, admin: enAdmin, stakeholders: enStakeholders, evaluations: enEvaluations, scorecard: enScorecard, scorecardExports: enScorecardExports, method: enMethod, incentives: enIncentives, jobs: enJobs, errors: enErrors, reviewerTools: enReviewerTools, notifications: enNotifications, workQueue: enWorkQueue, incentivesOutlook: enIncentivesOutlook, adminTools: enAdminTools, scorecardExplained: enScorecardExplained, methodCoverage: enMethodCoverage, whatIf: enWhatIf, appeals: enAppeals, revisions: enRevisions, robustness: enRobustness },
  'zh-CN': { common: zhCommon, auth: zhAuth, validation: zhValidation, admin: zhAdmin, stakeholders: zhStakeholders, evaluations: zhEvaluations, scorecard: zhScorecard, scorecardExports: zhScorecardExports, method: zhMethod, incentives: zhIncentives, jobs: zhJobs, errors: zhErrors, reviewerTools: zhReviewerTools, notifications: zhNotifications, workQueue: zhWorkQueue, incentivesOutlook: zhIncentivesOutlook, adminTools: zhAdminTools, scorecardExplained: zhScorecardExplained, methodCoverage: zhMethodCoverage, whatIf: zhWhatIf, appeals: zhAppeals, revisions: zhRevisions, robustness: zhRobustness },
} as const;

export type Messages = (typeof catalogs)['en'];

export function messagesFor(locale: Locale) {
  return catalogs[locale];
}
