#!/usr/bin/env node
// `berth`: runs the built CLI (out/node/cli.js), building it first when it is missing or older than
// its sources (esbuild, well under a second); the build's messages go to stderr.
import { runBuilt } from './run-built.mjs';

await runBuilt('cli');
