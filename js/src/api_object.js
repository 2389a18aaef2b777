// api_object.js: the ES module builds' default export, the named exports as one object
// (`import chatlint from 'chatlint'`).

import { createChecker, heapSize, Checker, PLATFORMS, CATEGORIES, SEVERITIES, MAX_TEXT_LENGTH } from './api.js';

export const api = { createChecker, heapSize, Checker, PLATFORMS, CATEGORIES, SEVERITIES, MAX_TEXT_LENGTH };
