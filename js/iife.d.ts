// Types of `chatlint/iife` (dist/chatlint.iife.js): a classic script that defines the
// global `chatlint` (plain <script> tags, importScripts() in workers, extension content
// scripts). Use it from TypeScript with
//   /// <reference types="chatlint/iife" />      (or: import 'chatlint/iife';)
//   const checker = await chatlint.createChecker({ platform: 'pdd' });
//   const findings: chatlint.Finding[] = checker.check(text).findings;
// The global holds the named exports of the package (as require('chatlint') does, no
// default export); by default it finds chatlint.wasm next to the script, or through
// chrome.runtime.getURL('chatlint.wasm') in an extension.

import type * as api from './index.cjs';

declare global {
  /** The chatlint package, defined by the classic script chatlint.iife.js. */
  var chatlint: typeof api;
  /** The package's types, as `chatlint.Finding`, `chatlint.Checker`, ... */
  namespace chatlint {
    type Platform = api.Platform;
    type Category = api.Category;
    type Severity = api.Severity;
    type Finding = api.Finding;
    type CheckResult = api.CheckResult;
    type FixResult = api.FixResult;
    type Rule = api.Rule;
    type CustomWord = api.CustomWord;
    type WasmSource = api.WasmSource;
    type CheckerOptions = api.CheckerOptions;
    type Checker = api.Checker;
  }
}

export {};
