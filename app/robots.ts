import type { MetadataRoute } from 'next';

// A county office's internal tool: nothing in it is for search engines, the sign-in page included.
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: '*', disallow: '/' } };
}
