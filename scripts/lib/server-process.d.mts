// Types for the TypeScript callers of server-process.mjs (the benchmark, tests).
export declare function serverNodeArgs(env?: NodeJS.ProcessEnv): string[];
export declare function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
