// Types for bench/stream-burst.mjs (imported by the stream kernel tests).
export declare const BURST_SOURCE: string;
export declare const FLOOR_SOURCE: string;
export declare function buildBurstHelper(dir?: string): { path: string; skip?: undefined } | { path?: undefined; skip: string };
export declare function buildFloorReceiver(dir?: string): { path: string; skip?: undefined } | { path?: undefined; skip: string };
export declare function burstRule(path: string, key: string): string[];
