// Types for folders.mjs, the folders `npm run mutate` measures.
export declare const FOLDERS: Record<string, { mutate: string[]; tests: string[] }>;
export declare function selected(env?: NodeJS.ProcessEnv): { mutate: string[]; tests: string[] };
