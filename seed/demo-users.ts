// Demo accounts. Demo-only: every one shares a published password; never load this data into a
import { type Role } from '@/core/domain/enums';
// real deployment.


export const DEMO_PASSWORD = 'demo1234';

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  description: { en: string; 'zh-CN': string };
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

/** The stakeholder each stakeholder login speaks for (by name, fixed in the demo plan). */
export const DEMO_STAKEHOLDER_NAMES = {
  town1: '屏边苗族自治县玉屏镇人民政府',
  coop1: '屏边县白河荔枝种植专业合作社',
  firm1: '屏边苗岭果业有限公司',
} as const;

export interface CountyAssessor {
  username: string;
  name: string;
  countyCode: string;
}

/**
 * Two assessors per county so every county's evaluations can be submitted by one and approved
 * by another. assessor1–3 are in DEMO_USERS; the others share the demo password.
 */
export const COUNTY_ASSESSORS: readonly CountyAssessor[] = [
  { username: 'assessor1', name: '陶春燕', countyCode: '532523' },
  { username: 'assessor2', name: '龙建华', countyCode: '532523' },
  { username: 'assessor3', name: '陆海波', countyCode: '532530' },
  { username: 'assessor4', name: '盘文秀', countyCode: '532530' },
  { username: 'assessor5', name: '韦国强', countyCode: '532532' },
  { username: 'assessor6', name: '李秀兰', countyCode: '532532' },
  { username: 'assessor7', name: '王志刚', countyCode: '532624' },
  { username: 'assessor8', name: '侯明芳', countyCode: '532624' },
  { username: 'assessor9', name: '熊永平', countyCode: '532625' },
  { username: 'assessor10', name: '赵丽娟', countyCode: '532625' },
  { username: 'assessor11', name: '农德军', countyCode: '532628' },
  { username: 'assessor12', name: '黄美玲', countyCode: '532628' },
];

/** Assessor accounts beyond DEMO_USERS (same password), for completeness of the demo. */
export const DEMO_COUNTY_STAFF: readonly CountyAssessor[] = COUNTY_ASSESSORS.filter(
  (a) => !DEMO_USERS.some((u) => u.username === a.username),
);

export const ADMIN_DISPLAY_NAME = '省评估办 管理员';
