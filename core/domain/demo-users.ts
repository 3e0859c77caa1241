// The demo logins. Demo-only: every one shares a published password; a real deployment never
// loads them. Pure data here because the seeder creates them, the sign-in page lists them (only
// when the database holds the demo) and the start script prints them (scripts/lib/serve.mjs).
import type { Role } from '@/core/domain/enums';
import type { Label } from '@/core/i18n/label';

export const DEMO_PASSWORD = 'scorecard-demo';

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  description: Label;
}

/** The logins the README and the start script print. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'admin',
    password: DEMO_PASSWORD,
    role: 'admin',
    description: {
      en: 'Provincial evaluation office: methods, periods, incentives, users',
      'zh-CN': '省评估办管理员：考核方法、考核期、激励政策、用户',
    },
  },
  {
    username: 'admin2',
    password: DEMO_PASSWORD,
    role: 'admin',
    description: {
      en: 'Second administrator: approves or rejects admin’s incentive overrides (four eyes)',
      'zh-CN': '第二位管理员：审批 admin 提出的激励认定覆盖（双人复核）',
    },
  },
  {
    username: 'assessor1',
    password: DEMO_PASSWORD,
    role: 'assessor',
    description: {
      en: 'Assessor for Pingbian Miao Autonomous County; reviews assessor2’s evaluations',
      'zh-CN': '屏边苗族自治县评估员，与 assessor2 互相审核',
    },
  },
  {
    username: 'assessor2',
    password: DEMO_PASSWORD,
    role: 'assessor',
    description: {
      en: 'Assessor for Pingbian Miao Autonomous County; reviews assessor1’s evaluations',
      'zh-CN': '屏边苗族自治县评估员，与 assessor1 互相审核',
    },
  },
  {
    username: 'assessor3',
    password: DEMO_PASSWORD,
    role: 'assessor',
    description: {
      en: 'Assessor for Jinping Miao, Yao and Dai Autonomous County',
      'zh-CN': '金平苗族瑶族傣族自治县评估员',
    },
  },
  {
    username: 'town1',
    password: DEMO_PASSWORD,
    role: 'stakeholder',
    description: {
      en: 'County/town entity: Yuping Town People’s Government, Pingbian',
      'zh-CN': '县/镇主体：屏边苗族自治县玉屏镇人民政府',
    },
  },
  {
    username: 'coop1',
    password: DEMO_PASSWORD,
    role: 'stakeholder',
    description: {
      en: 'Rural entity: a lychee growers’ cooperative in Baihe, Pingbian',
      'zh-CN': '乡村主体：屏边县白河荔枝种植专业合作社',
    },
  },
  {
    username: 'firm1',
    password: DEMO_PASSWORD,
    role: 'stakeholder',
    description: {
      en: 'Market entity: a fruit company in Pingbian',
      'zh-CN': '市场主体：屏边苗岭果业有限公司',
    },
  },
];
