#!/usr/bin/env node
// `berth`: runs the built CLI (out/node/cli.cjs), building it first when it is missing or older than
// its sources (esbuild, under a second), from V8's code cache; the build's messages go to stderr.
'use strict';
const { ensureBuilt, runCommonJs } = require('./built.cjs');

ensureBuilt('cli').then(runCommonJs);
