// Type definitions for chatlint (hand-written; Emscripten 3.1.6 cannot emit them).
// js/scripts/build.mjs ships this file twice: as dist/index.d.mts, the types of
// `import ... from 'chatlint'` (the ES module builds), and, less the default export at
// its end, as dist/index.d.cts, the types of `require('chatlint')` (the CommonJS builds,
// whose module.exports holds the named exports and no `default`). js/iife.d.ts types the
// global `chatlint` of `chatlint/iife`.
//
//   import { createChecker, type Finding } from 'chatlint';   // or: import chatlint from 'chatlint'
//   const { createChecker } = require('chatlint');            // TypeScript: import ... = require('chatlint')
//
// Memory policy: every Checker owns a session inside the WebAssembly engine. Call
// dispose() when you are done with it; a checker that is garbage-collected without
// dispose() is freed by a FinalizationRegistry, but only eventually. Results
// (findings, fixed text) are plain JS values: nothing else needs freeing.
//
// Limits: check() and fix() take texts of up to MAX_TEXT_LENGTH UTF-16 units and
// throw a RangeError (before touching the engine) for longer ones. All checkers of
// one wasm source share one engine whose WebAssembly memory cannot grow past
// 2 GiB. If it runs out anyway (many checkers that each checked a huge paste,
// a huge text dense with findings), the engine stops: the failing call and every
// later call of that engine's checkers throw
//   Error("chatlint: the engine stopped (out of memory: ...); create a new checker")
// and the next createChecker() starts a fresh engine.

/** douyin: 抖店 (飞鸽 chat); kuaishou: 快手小店; generic: the shared rules only. */
export type Platform = 'pdd' | 'taobao' | 'tmall' | 'jd' | 'douyin' | 'kuaishou' | 'generic';
export type Category =
  | 'absolute_claim' | 'offsite_platform' | 'offsite_trade' | 'contact_info'
  | 'review_incentive' | 'abuse' | 'platform_term' | 'service_promise';
export type Severity = 'block' | 'warn' | 'info';

export interface Finding {
  /** UTF-16 offsets into the checked text: text.slice(start, end) === match. */
  start: number;
  end: number;
  /** The original text of the match, disguise included ("微 信", "①③⑧…"). */
  match: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Why: the platform rule it breaks and the penalty where known (Chinese), as the checker's
   *  platform words it (the rule's message for that platform, else its general message). */
  message: string;
  /** What to say instead: a replacement (fix() applies it) or advice. */
  suggestion: string;
}

export interface CheckResult {
  /** false iff some finding has severity 'block'. */
  ok: boolean;
  /** In order of start; findings of different categories may overlap. */
  findings: Finding[];
}

export interface FixResult {
  text: string;
  /** The findings whose replacement was applied. */
  applied: Finding[];
}

export interface Rule {
  id: string;
  category: Category;
  severity: Severity;
  platforms: Platform[];
  words: string[];
  patterns: string[];
  /** Built-in number scanners the rule uses: 'mobile' (phone numbers), 'landline'. */
  detect: string[];
  allow: string[];
  homophones: boolean;
  /** As the checker's platform words it (its own message, else the general one). */
  message: string;
  suggestion: string;
  /** fix() replaces this rule's matches with `suggestion`. */
  fixable: boolean;
  /** The seed article the rule comes from ('custom' for customWords). */
  source: string;
}

export interface CustomWord {
  /** One word, or several with `words`. */
  word?: string;
  words?: string[];
  /** Default 'offsite_platform'. */
  category?: Category;
  /** Default 'block'. */
  severity?: Severity;
  /** Default "自定义违禁词:<word>". */
  message?: string;
  suggestion?: string;
  /** When given, fix() puts it in place of the match. */
  replace?: string;
  /** Also match same-sound Han characters and pinyin. Default false. */
  homophones?: boolean;
}

export type WasmSource =
  | string | URL | ArrayBuffer | ArrayBufferView | Response | Promise<Response> | WebAssembly.Module;

export interface CheckerOptions {
  platform: Platform;
  /** Extra forbidden words, matched with the same disguise detection as built-in rules. */
  customWords?: Array<string | CustomWord>;
  /** Words that are always fine: a finding they cover is dropped. */
  allowWords?: string[];
  /**
   * Where chatlint.wasm is (URL or path), its bytes, or a compiled module. Default: next
   * to the package's entry file; in an extension, chrome.runtime.getURL('chatlint.wasm').
   */
  wasm?: WasmSource;
}

export declare class Checker {
  private constructor();
  readonly platform: Platform;
  /**
   * Checks one reply. Throws a TypeError for a non-string, a RangeError for a text longer
   * than MAX_TEXT_LENGTH, and an Error "chatlint: the engine stopped (...); create a new
   * checker" once the engine this checker runs on has stopped (out of memory).
   */
  check(text: string): CheckResult;
  /** Applies the safe rewrites. Throws as check() does. */
  fix(text: string): FixResult;
  /** Throws the "engine stopped" Error once the engine has stopped. */
  rules(): Rule[];
  /** Frees the checker's engine session. Idempotent; never throws. */
  dispose(): void;
}

/**
 * Loads the engine (once per wasm source, and again after it stopped) and makes a
 * checker. Rejects with an Error naming a bad option.
 */
export declare function createChecker(options: CheckerOptions): Promise<Checker>;
/** Bytes of WebAssembly memory the engine uses (shared by all checkers of a wasm source). */
export declare function heapSize(options?: { wasm?: WasmSource }): Promise<number>;

export declare const PLATFORMS: readonly Platform[];
export declare const CATEGORIES: readonly Category[];
export declare const SEVERITIES: readonly Severity[];
/**
 * The longest text check() and fix() take, in UTF-16 code units (text.length):
 * 16,777,216 (2^24, 32 MB as UTF-16). The engine needs 24 to 70 bytes of its
 * 2 GiB WebAssembly memory per unit of ordinary text (more where findings are
 * dense); up to this length ordinary text fits with room to spare. Split longer
 * texts (findings of each part are offset by where the part starts).
 */
export declare const MAX_TEXT_LENGTH: number;

// ---- The default export: the ES module builds only (dist/index.d.mts). Everything
// above is also dist/index.d.cts, for require('chatlint'), which has no default export.

/** `import chatlint from 'chatlint'`: the named exports as one object. */
declare const chatlint: {
  createChecker: typeof createChecker;
  heapSize: typeof heapSize;
  Checker: typeof Checker;
  PLATFORMS: typeof PLATFORMS;
  CATEGORIES: typeof CATEGORIES;
  SEVERITIES: typeof SEVERITIES;
  MAX_TEXT_LENGTH: typeof MAX_TEXT_LENGTH;
};
export default chatlint;
