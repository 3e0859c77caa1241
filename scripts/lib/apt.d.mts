// Types for the TypeScript callers of apt.mjs (the benchmark).
export declare function commandExists(name: string): boolean;
export declare function installAptPackages(packages: string[], purpose: string): Promise<boolean>;
