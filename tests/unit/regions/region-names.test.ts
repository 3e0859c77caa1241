// English names for units without one, by the documented rule (seed/region-names.ts), and the
// reading of the divisions package.
import { describe, expect, it } from 'vitest';
import { englishRegionName, pinyinWord } from '@/seed/region-names';
import { loadDivisions, provincePrefix } from '@/seed/divisions';
import { PREFECTURES, PROVINCE } from '@/seed/geography';
import type { DivisionUnit } from '@/server/services/regions-import';

describe('englishRegionName', () => {
  it.each([
    ['云南省', 'Yunnan Province'],
    ['昆明市', 'Kunming City'],
    ['五华区', 'Wuhua District'],
    ['麻栗坡县', 'Malipo County'],
    ['玉屏镇', 'Yuping Town'],
    ['白云乡', 'Baiyun Township'],
    ['东华门街道', 'Donghuamen Subdistrict'],
    ['屏边苗族自治县', 'Pingbian Miao Autonomous County'],
    ['红河哈尼族彝族自治州', 'Honghe Hani and Yi Autonomous Prefecture'],
    ['双江拉祜族佤族布朗族傣族自治县', 'Shuangjiang Lahu, Va, Blang and Dai Autonomous County'],
    ['者米拉祜族乡', 'Zhemi Lahu Ethnic Township'],
    ['桥头苗族壮族乡', 'Qiaotou Miao and Zhuang Ethnic Township'],
    ['宁夏回族自治区', 'Ningxia Hui Autonomous Region'],
    ['马鞍底乡', "Ma'andi Township"],
    ['市辖区', 'City Districts'],
    ['省直辖县级行政区划', 'Province-administered Divisions'],
    ['昆明经济技术开发区', 'Kunming Economic and Technological Development Zone'],
    ['文山高新技术产业开发区', 'Wenshan High-tech Industrial Development Zone'],
  ])('%s → %s', (zh, en) => {
    expect(englishRegionName(zh)).toBe(en);
  });

  it('keeps a name that is only a suffix as a place, and drops a bracketed part', () => {
    expect(englishRegionName('城区')).toBe('Cheng District');
    expect(pinyinWord('西安')).toBe("Xi'an");
    expect(englishRegionName('某某开发区（其他片区）')).toBe('Moumou Development Zone');
  });
});

describe('loadDivisions', () => {
  it('reads a province in both code forms, with nine-digit townships under six-digit counties', () => {
    expect(provincePrefix('530000')).toBe('53');
    expect(provincePrefix('53')).toBe('53');
    expect(provincePrefix('532500')).toBeNull();
    const yunnan = loadDivisions('53');
    expect(yunnan).toMatchObject({ code: '530000', nameZh: '云南省', level: 'province' });
    const counties = yunnan.children.flatMap((p) => p.children);
    expect(counties).toHaveLength(129);
    for (const c of counties) for (const t of c.children) expect(t.code).toMatch(new RegExp(`^${c.code}\\d{3}$`));
  });

  it('holds every unit of the demo under the same code and Chinese name', () => {
    const yunnan = loadDivisions('530000');
    const official = new Map<string, string>();
    const walk = (u: DivisionUnit) => {
      official.set(u.code, u.nameZh);
      u.children.forEach(walk);
    };
    walk(yunnan);
    expect(official.get(PROVINCE.code)).toBe(PROVINCE.nameZh);
    for (const p of PREFECTURES) {
      expect(official.get(p.code)).toBe(p.nameZh);
      for (const c of p.counties) {
        expect(official.get(c.code)).toBe(c.nameZh);
        for (const t of c.townships) expect(official.get(t.code), t.code).toBe(t.nameZh);
      }
    }
  });

  it('keeps codes unique where a prefecture has no counties of its own', () => {
    const guangdong = loadDivisions('44');
    const dongguan = guangdong.children.find((p) => p.nameZh === '东莞市')!;
    expect(dongguan.code).toBe('4419');
    expect(dongguan.children.map((c) => c.code)).toEqual(['441900']);
  });
});
