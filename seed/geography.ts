// The demo region tree: Yunnan, two autonomous prefectures, six counties and their townships.
// Division codes follow GB/T 2260 (province/prefecture/county, six digits); townships use the
// county code plus three digits in the style of the statistical division codes (1xx = 镇 town,
// 2xx = 乡 township). Names are real places; everything attached to them is fictional.

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

function towns(countyCode: string, list: readonly (readonly [string, string])[]): TownshipSeed[] {
  // 镇 are numbered 100, 101, …; 乡 (including ethnic townships) 200, 201, … in list order.
  let town = 100;
  let xiang = 200;
  return list.map(([nameZh, nameEn]) => ({
    code: `${countyCode}${nameZh.endsWith('镇') ? town++ : xiang++}`,
    nameZh,
    nameEn,
  }));
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
          ['玉屏镇', 'Yuping Town'],
          ['新现镇', 'Xinxian Town'],
          ['和平镇', 'Heping Town'],
          ['白河乡', 'Baihe Township'],
          ['白云乡', 'Baiyun Township'],
          ['新华乡', 'Xinhua Township'],
          ['湾塘乡', 'Wantang Township'],
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
          ['金河镇', 'Jinhe Town'],
          ['金水河镇', 'Jinshuihe Town'],
          ['勐拉镇', 'Mengla Town'],
          ['老勐镇', 'Laomeng Town'],
          ['铜厂乡', 'Tongchang Township'],
          ['者米拉祜族乡', 'Zhemi Lahu Ethnic Township'],
          ['马鞍底乡', "Ma'andi Township"],
          ['阿得博乡', 'Adebo Township'],
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
          ['河口镇', 'Hekou Town'],
          ['南溪镇', 'Nanxi Town'],
          ['老范寨乡', 'Laofanzhai Township'],
          ['桥头苗族壮族乡', 'Qiaotou Miao and Zhuang Ethnic Township'],
          ['瑶山乡', 'Yaoshan Township'],
          ['莲花滩乡', 'Lianhuatan Township'],
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
          ['麻栗镇', 'Mali Town'],
          ['大坪镇', 'Daping Town'],
          ['董干镇', 'Donggan Town'],
          ['天保镇', 'Tianbao Town'],
          ['猛硐瑶族乡', 'Mengdong Yao Ethnic Township'],
          ['下金厂乡', 'Xiajinchang Township'],
          ['八布乡', 'Babu Township'],
          ['六河乡', 'Liuhe Township'],
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
          ['马白镇', 'Mabai Town'],
          ['八寨镇', 'Bazhai Town'],
          ['仁和镇', 'Renhe Town'],
          ['木厂镇', 'Muchang Town'],
          ['都龙镇', 'Dulong Town'],
          ['坡脚镇', 'Pojiao Town'],
          ['南捞乡', 'Nanlao Township'],
          ['大栗树乡', 'Dalishu Township'],
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
          ['新华镇', 'Xinhua Town'],
          ['归朝镇', 'Guichao Town'],
          ['剥隘镇', "Bo'ai Town"],
          ['里达镇', 'Lida Town'],
          ['田蓬镇', 'Tianpeng Town'],
          ['木央镇', 'Muyang Town'],
          ['板仑乡', 'Banlun Township'],
          ['谷拉乡', 'Gula Township'],
        ]),
      },
    ],
  },
];
