// English names for administrative units that have none, from pinyin-pro. The rule, so names
// read like the ones in official English usage:
//   1. The unit-type suffix becomes an English word after the place: 麻栗坡县 → "Malipo County",
//      玉屏镇 → "Yuping Town", 五华区 → "Wuhua District", 东华门街道 → "Donghuamen Subdistrict".
//   2. Autonomous units and ethnic townships name their peoples in English between place and type:
//      屏边苗族自治县 → "Pingbian Miao Autonomous County", 桥头苗族壮族乡 → "Qiaotou Miao and Zhuang
//      Ethnic Township".
//   3. The place is one word of toneless pinyin, capitalized, with an apostrophe before a syllable
//      that starts with a, o or e (马鞍底 → "Ma'andi"); a part in brackets is dropped.
//   4. Names that are not places (市辖区, 省直辖县级行政区划) get a fixed English name.
// pinyin-pro reads polyphones from context but can miss a local reading: an admin may rename.
import { pinyin } from 'pinyin-pro';

const FIXED: Record<string, string> = {
  市辖区: 'City Districts',
  省直辖县级行政区划: 'Province-administered Divisions',
  自治区直辖县级行政区划: 'Region-administered Divisions',
};

// Longest first, so 自治县 wins over 县 and 街道办事处 over 处.
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['国家高新技术产业开发区', 'National High-tech Industrial Development Zone'],
  ['高新技术产业开发区', 'High-tech Industrial Development Zone'],
  ['经济技术开发区', 'Economic and Technological Development Zone'],
  ['经济开发区', 'Economic Development Zone'],
  ['旅游开发区', 'Tourism Development Zone'],
  ['工业园区', 'Industrial Park'],
  ['产业园区', 'Industrial Park'],
  ['街道办事处', 'Subdistrict'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['自治区', 'Autonomous Region'],
  ['开发区', 'Development Zone'],
  ['管委会', 'Administrative Committee'],
  ['街道', 'Subdistrict'],
  ['地区', 'Prefecture'],
  ['林区', 'Forest District'],
  ['特区', 'Special District'],
  ['新区', 'New Area'],
  ['苏木', 'Sumu'],
  ['农场', 'Farm'],
  ['林场', 'Forest Farm'],
  ['牧场', 'Ranch'],
  ['监狱', 'Prison'],
  ['省', 'Province'],
  ['市', 'City'],
  ['州', 'Prefecture'],
  ['盟', 'League'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['区', 'District'],
  ['镇', 'Town'],
  ['乡', 'Township'],
];

// The peoples named in autonomous units: pinyin unless English has its own name.
const PEOPLES: readonly (readonly [string, string?])[] = [
  ['蒙古', 'Mongol'], ['藏', 'Tibetan'], ['维吾尔', 'Uyghur'], ['朝鲜', 'Korean'], ['哈萨克', 'Kazakh'],
  ['柯尔克孜', 'Kyrgyz'], ['塔吉克', 'Tajik'], ['乌孜别克', 'Uzbek'], ['俄罗斯', 'Russian'], ['塔塔尔', 'Tatar'],
  ['佤', 'Va'], ['布朗', 'Blang'], ['回'], ['苗'], ['彝', 'Yi'], ['壮'], ['布依'], ['满'], ['侗'], ['瑶'], ['白'],
  ['土家'], ['哈尼'], ['傣'], ['黎'], ['傈僳'], ['畲'], ['高山'], ['拉祜'], ['水'], ['东乡'], ['纳西'], ['景颇'],
  ['土'], ['达斡尔'], ['仫佬'], ['羌'], ['撒拉'], ['毛南'], ['仡佬'], ['锡伯'], ['阿昌'], ['普米'], ['怒'],
  ['鄂温克'], ['德昂'], ['保安'], ['裕固'], ['京'], ['独龙'], ['鄂伦春'], ['赫哲'], ['门巴'], ['珞巴'], ['基诺'],
];
const PEOPLES_LONGEST_FIRST = [...PEOPLES].sort((a, b) => b[0].length - a[0].length);

/** One word of toneless pinyin: "Pingbian", "Ma'andi". */
export function pinyinWord(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'removed' }).filter(Boolean);
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function joinPeoples(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The English name of a unit by the rule above. */
export function englishRegionName(nameZh: string): string {
  const fixed = FIXED[nameZh];
  if (fixed) return fixed;
  let rest = nameZh.replace(/[（(][^）)]*[）)]/g, '').trim();
  const suffix = SUFFIXES.find(([zh]) => rest.length > zh.length && rest.endsWith(zh));
  if (suffix) rest = rest.slice(0, -suffix[0].length);
  let type = suffix?.[1] ?? '';

  // Peoples read backwards from the end: 哈尼族彝族 → Hani, Yi.
  const peoples: string[] = [];
  if (rest.endsWith('民族')) rest = rest.slice(0, -2);
  for (;;) {
    const match = PEOPLES_LONGEST_FIRST.find(([zh]) => rest.endsWith(`${zh}族`) && rest.length > zh.length + 1);
    if (!match) break;
    peoples.unshift(match[1] ?? pinyinWord(match[0]));
    rest = rest.slice(0, -(match[0].length + 1));
  }
  if (peoples.length > 0 && type === 'Township') type = 'Ethnic Township';
  return [pinyinWord(rest), joinPeoples(peoples), type].filter(Boolean).join(' ');
}
