// Types for the TypeScript callers of compression.mjs (tests).
import type { IncomingMessage, ServerResponse } from 'node:http';

export declare const STATIC_TYPES: Record<string, string>;
export declare const STATIC_CACHE_CONTROL: string;
export declare const MIN_COMPRESSED_BYTES: number;
export declare const DYNAMIC_BROTLI_QUALITY: number;
export declare function precompressStatic(
  distDir: string,
  options?: { concurrency?: number },
): Promise<{ files: number; written: number; before: number; after: number }>;
export declare function negotiateEncoding(header: string | undefined): 'br' | 'gzip' | null;
export declare function servePrecompressed(req: IncomingMessage, res: ServerResponse, staticDir: string): Promise<boolean>;
export declare function compressResponse(req: IncomingMessage, res: ServerResponse): void;
