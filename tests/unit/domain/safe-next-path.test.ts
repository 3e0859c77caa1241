// Where sign-in may send someone afterwards: only a path of this site, whatever the encoding.
import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/core/domain/sign-in';

/** Where a browser on the app's origin would land for a Location header of `path`. */
const landing = (path: string) => new URL(path, 'http://app.example').origin;

describe('safeNextPath', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeNextPath('/admin/users')).toBe('/admin/users');
    expect(safeNextPath('/evaluations?period=2025Q1&page=2#row-4')).toBe('/evaluations?period=2025Q1&page=2#row-4');
    expect(safeNextPath('/scorecards/12')).toBe('/scorecards/12');
  });

  it('percent-encodes what a Location header cannot carry', () => {
    expect(safeNextPath('/stakeholders?search=屏边')).toBe('/stakeholders?search=%E5%B1%8F%E8%BE%B9');
  });

  // Each as the handler receives it: form fields and query parameters arrive decoded once.
  const attacks: Record<string, unknown> = {
    'tab (the reported %2F%09%2Fevil.example%2F)': decodeURIComponent('%2F%09%2Fevil.example%2F'),
    newline: '/\n/evil.example/',
    'carriage return': '/\r/evil.example',
    'newline mid-path (the reported 500)': '/admin%0A'.replace('%0A', '\n'),
    'NUL': '/\u0000/evil.example',
    'C1 control': '/\u0085/evil.example',
    DEL: '/\u007f/evil.example',
    'protocol-relative': '//evil.example',
    'protocol-relative with path': '//evil.example/a',
    backslash: '/\\evil.example',
    'double backslash': '\\\\evil.example',
    'backslash then slash': '\\/evil.example',
    'absolute http': 'http://evil.example/',
    'absolute https': 'https://evil.example/',
    'scheme-relative javascript': 'javascript:alert(1)',
    'data URL': 'data:text/html,<script>alert(1)</script>',
    'no leading slash': 'evil.example',
    'dot segment to //': '/.//evil.example',
    'dot-dot segment to //': '/..//evil.example',
    'encoded dot to //': '/%2e//evil.example',
    'triple slash': '///evil.example',
    'userinfo trick': '//app.example@evil.example',
    'space-led': ' /admin',
    empty: '',
    'not a string': ['/admin'],
    undefined: undefined,
  };
  for (const [name, raw] of Object.entries(attacks)) {
    it(`stays on this site: ${name}`, () => {
      const next = safeNextPath(raw);
      expect(landing(next)).toBe('http://app.example');
      expect(next.startsWith('/') && !next.startsWith('//')).toBe(true);
      expect(next).not.toMatch(/[\u0000-\u001f\u007f-\u009f\\]/);
    });
  }

  it('refuses the attacks outright rather than rewriting them into something else', () => {
    for (const raw of ['/\t/evil.example/', '/\\evil.example', '//evil.example', '/.//evil.example', 'https://evil.example/']) {
      expect(safeNextPath(raw)).toBe('/');
    }
  });

  it('an encoded variant that stays encoded is a harmless path of this site', () => {
    // Decoded once by the form, "%2F%2Fevil.example" is still a single path segment here.
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeNextPath('/%09/evil.example')).toBe('/%09/evil.example');
    expect(landing(safeNextPath('/%5Cevil.example'))).toBe('http://app.example');
  });
});
