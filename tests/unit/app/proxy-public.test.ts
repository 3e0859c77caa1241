// Without a session, pages redirect to sign-in, but what the sign-in page itself loads does not:
// the icon it links is served as it is, and robots.txt tells crawlers to keep out.
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';

const get = (path: string) => proxy(new NextRequest(new URL(path, 'http://127.0.0.1:3000')));

describe('proxy without a session', () => {
  it('serves the icon, robots.txt and the sign-in page', () => {
    expect(get('/icon.svg').headers.get('location')).toBeNull();
    expect(get('/robots.txt').headers.get('location')).toBeNull();
    expect(get('/sign-in').headers.get('location')).toBeNull();
  });

  it('sends a page to sign-in, keeping where it was going', () => {
    const response = get('/evaluations?view=toReview');
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location')!).pathname).toBe('/sign-in');
  });
});
