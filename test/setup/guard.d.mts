// Types for guard.mjs, the suite's guard (sandbox required in CI, dist/ current).
export declare const ROOT: string;
export declare const REQUIRE_ENV: string;
export declare function sandboxRequired(env?: NodeJS.ProcessEnv): boolean;
export declare function probeSandbox(): { ok: boolean; detail: string };
export declare function sandboxMissingMessage(detail: string): string;
export declare function guardSandbox(env?: NodeJS.ProcessEnv): boolean;
export declare function distStale(root?: string): string | undefined;
export declare function ensureBuild(root?: string): string | undefined;
