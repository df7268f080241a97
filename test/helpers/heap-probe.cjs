// Preloaded (NODE_OPTIONS=--require) into a tsaudit run by test/unit/heap-growth.test.ts: records what the
// process runs under (node flags, V8 flags set at run time, whether the code cache was taken)
// and writes it as JSON to the file HEAP_PROBE_OUT names.
// CommonJS: --require runs it before bin/tsaudit requires node:vm, so the patch below is what it gets.
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const { writeFileSync } = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const v8 = require('node:v8');
const vm = require('node:vm');

const seen = { execArgv: process.execArgv, flagsSet: [], codeCacheRejected: null };

const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  seen.flagsSet.push(flags);
  return setFlags(flags);
};
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    if (options?.cachedData !== undefined) seen.codeCacheRejected = this.cachedDataRejected;
  }
};
// an ES module importing node:vm (dist/cli.js when there is no bundle) sees the patched object too
syncBuiltinESMExports();

process.on('exit', () => {
  writeFileSync(process.env.HEAP_PROBE_OUT, JSON.stringify(seen));
});
