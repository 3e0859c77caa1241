// Word lists and builders for plausible (fictional) Chinese names of people and entities.
import type { Rng } from './prng';
import type { MarketIndustry } from './geography';

// Common surnames in southern Yunnan, including frequent Miao, Yao, Zhuang, Hani and Yi ones.
const SURNAMES = [
  '李', '王', '张', '杨', '刘', '陈', '赵', '黄', '周', '吴', '马', '罗', '陆', '熊', '项',
  '侯', '龙', '盘', '邓', '卢', '陶', '普', '白', '农', '韦', '沈', '何', '谢', '田', '胡',
  '蒋', '朱', '梁', '施', '高', '许', '段', '苏', '冯', '蒙',
] as const;

const GIVEN_MALE = [
  '建华', '国强', '志刚', '永平', '德军', '文华', '海波', '明亮', '学军', '正兴', '家顺', '光荣',
  '金福', '继明', '绍云', '开福', '兴旺', '有才', '春林', '忠祥', '发明', '云飞', '国庆', '建国',
  '世荣', '顺才', '应祥', '朝辉', '荣华', '天明', '德文', '成林', '斌', '勇', '军', '涛', '伟', '鹏',
] as const;

const GIVEN_FEMALE = [
  '秀兰', '丽娟', '美玲', '春燕', '文秀', '明芳', '玉梅', '金花', '丽华', '桂芬', '艳', '敏',
  '静', '琳', '海燕', '晓梅', '雪梅', '彩云', '凤英', '红梅', '琼', '丽萍', '小芳', '玉兰',
] as const;

const VILLAGES = [
  '大寨', '新寨', '老寨', '龙塘', '坝心', '河边', '中寨', '上寨', '下寨', '水头', '马鹿塘', '石洞',
  '岩脚', '平坝', '坡头', '小寨', '田房', '芭蕉林', '干河', '凹塘', '大坪', '新街', '冷水沟',
  '黄草坝', '大箐', '松林', '竹林', '白石岩', '那么', '老街', '桃园', '梁子', '新田', '塘子边',
  '大坡', '南屏', '河湾', '石门坎', '荞菜坪', '瓦厂', '白沙', '岔河', '木瓜寨', '龙树', '长岭',
] as const;

const BRANDS = [
  '绿源', '云岭', '边城', '恒昌', '鑫源', '益农', '山韵', '兴农', '滇南', '佳禾', '福润', '天禾',
  '润农', '苗岭', '瑶山', '壮乡', '老山', '南溪', '金谷', '宏泰', '瑞丰', '丰泽', '惠民', '嘉禾',
  '森茂', '康源', '祥和', '盛达', '锦绣', '云雾', '高山', '红土地', '彩云', '沃野', '青禾', '山花',
  '富民', '农丰', '源生', '同心', '聚福', '永兴', '宏源', '金穗', '利民', '绿野', '长青', '三江',
] as const;

const INDUSTRY_SUFFIXES: Record<MarketIndustry, readonly string[]> = {
  tea: ['茶业有限公司', '茶叶有限责任公司', '生态茶业有限公司', '茶厂有限公司'],
  coffee: ['咖啡有限公司', '咖啡庄园有限公司', '咖啡产业发展有限公司'],
  banana: ['香蕉产业有限公司', '香蕉种植开发有限公司', '果蔬有限公司'],
  rubber: ['橡胶有限公司', '橡胶制品有限公司', '胶业有限公司'],
  sanqi: ['三七药业有限公司', '三七产业发展有限公司', '生物科技有限公司', '中药材有限公司'],
  tourism: ['生态旅游开发有限公司', '文化旅游有限公司', '乡村旅游发展有限公司'],
  logistics: ['物流有限公司', '冷链物流有限公司', '供应链管理有限公司', '边贸物流有限公司'],
  food: ['食品有限公司', '农产品加工有限公司', '食品科技有限公司'],
  spice: ['香料有限公司', '草果产业有限公司', '八角香料开发有限公司'],
  ecommerce: ['电子商务有限公司', '农特产品电子商务有限公司'],
  fruit: ['果业有限公司', '农业开发有限公司', '生态农业有限公司'],
  livestock: ['畜牧有限公司', '牧业有限公司', '生态养殖有限公司'],
};

const TOWNSHIP_ENTERPRISE_SUFFIXES = [
  '农副产品加工厂',
  '集体资产经营管理有限公司',
  '农业综合服务有限公司',
  '城乡建设开发有限公司',
  '农贸市场管理有限公司',
  '劳务服务有限公司',
] as const;

const LIVESTOCK_PRODUCTS = new Set(['生猪', '肉牛', '黑山羊']);

export function personName(rng: Rng): string {
  const given = rng.chance(0.55) ? rng.pick(GIVEN_MALE) : rng.pick(GIVEN_FEMALE);
  return rng.pick(SURNAMES) + given;
}

/** A fictional mobile number: 11 digits, a 13x/15x/18x prefix. */
export function mobileNumber(rng: Rng): string {
  const prefix = rng.pick(['133', '135', '136', '138', '139', '150', '151', '152', '157', '158', '159', '180', '182', '187', '188', '189']);
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9));
  return prefix + rest;
}

export function countyGovernmentName(countyNameZh: string): string {
  return `${countyNameZh}人民政府`;
}

export function townshipGovernmentName(countyNameZh: string, townshipNameZh: string): string {
  return `${countyNameZh}${townshipNameZh}人民政府`;
}

export function townshipEnterpriseName(rng: Rng, countyShortZh: string, townshipNameZh: string): string {
  return `${countyShortZh}县${townshipNameZh}${rng.pick(TOWNSHIP_ENTERPRISE_SUFFIXES)}`;
}

export function cooperativeName(rng: Rng, countyShortZh: string, product: string): string {
  const activity = LIVESTOCK_PRODUCTS.has(product) ? '养殖' : rng.pick(['种植', '种植', '产销']);
  const place = rng.chance(0.5) ? rng.pick(VILLAGES) : rng.pick(BRANDS);
  const suffix = rng.chance(0.6) ? '专业合作社' : '农民专业合作社';
  return `${countyShortZh}县${place}${product}${activity}${suffix}`;
}

export function villageCollectiveName(rng: Rng, countyShortZh: string, townshipNameZh: string): string {
  const suffix = rng.chance(0.7) ? '村股份经济合作社' : '村经济合作社';
  return `${countyShortZh}县${townshipNameZh}${rng.pick(VILLAGES)}${suffix}`;
}

export function familyFarmName(rng: Rng, countyShortZh: string, owner: string, product: string): string {
  return rng.chance(0.5)
    ? `${countyShortZh}县${owner}家庭农场`
    : `${countyShortZh}县${owner.slice(1)}${product}家庭农场`;
}

/** Firms are named after the province, the prefecture or the county, as real ones are. */
export function firmName(
  rng: Rng,
  industry: MarketIndustry,
  places: { prefectureShortZh: string; countyShortZh: string },
): string {
  const place = rng.weighted([
    ['云南', 3],
    [places.prefectureShortZh, 2],
    [places.countyShortZh, 5],
  ] as const);
  return `${place}${rng.pick(BRANDS)}${rng.pick(INDUSTRY_SUFFIXES[industry])}`;
}
