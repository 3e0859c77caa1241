// Types for the TypeScript importers of next.config.mjs (the upload-limit test).
import type { NextConfig } from 'next';

declare const config: NextConfig;
export default config;
