// The demo's seed-only accounts: which stakeholder each stakeholder login speaks for, and the
// county assessors beyond the logins. The logins themselves are in core/domain/demo-users.ts.
import { DEMO_USERS } from '@/core/domain/demo-users';

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
/** The second administrator, who approves (or rejects) the first one's overrides: four eyes. */
export const SECOND_ADMIN_DISPLAY_NAME = '省评估办 复核员';
