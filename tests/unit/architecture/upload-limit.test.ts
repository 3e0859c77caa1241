// The upload limit is said once in core/domain/imports.ts; Next's own body buffer for requests
// passing through proxy.ts (next.config.mjs) must let exactly that much through, or uploads
// between the two limits would be cut off and misreported.
import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config.mjs';
import { MAX_IMPORT_BYTES, UPLOAD_ENVELOPE_BYTES } from '@/core/domain/imports';

describe('the one upload limit', () => {
  it('is what Next buffers through the proxy', () => {
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(MAX_IMPORT_BYTES + UPLOAD_ENVELOPE_BYTES);
  });
});
