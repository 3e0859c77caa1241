// Names from the data inside translated sentences: a Chinese name on an English page is marked
// lang="zh-CN" (WCAG 3.1.2), wherever the message puts it; nothing else changes.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { WithNames, nameIn } from '@/components/ui/lang-text';

const render = (locale: 'en' | 'zh-CN', sentence: string) => renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: {} } as Parameters<typeof NextIntlClientProvider>[0], createElement(WithNames, null, sentence)));
const messages = { en: { s: '{by} approved {name}, {n, plural, one {# value} other {# values}}.' }, 'zh-CN': { s: '{by}批准了{name}（{n}项）。' } };
const sentence = (locale: 'en' | 'zh-CN', by: string, name: string) => createTranslator({ locale, messages: messages[locale] })('s', { by: nameIn(by), name: nameIn(name), n: 2 });

describe('WithNames', () => {
  it('marks a Chinese name in an English sentence, and leaves a Latin one bare', () => {
    expect(render('en', sentence('en', 'Li Wei', '红河县农业合作社'))).toBe('Li Wei approved <span lang="zh-CN">红河县农业合作社</span>, 2 values.');
  });

  it('marks nothing on a Chinese page', () => {
    expect(render('zh-CN', sentence('zh-CN', '李伟', '红河县农业合作社'))).toBe('李伟批准了红河县农业合作社（2项）。');
  });

  it('renders a sentence without names as it is, and a name cannot forge a mark', () => {
    expect(render('en', 'No names here.')).toBe('No names here.');
    expect(render('en', `A ${nameIn('x\uE001y\uE000')} b`)).toBe('A xy b');
  });
});
