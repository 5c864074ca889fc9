#!/usr/bin/env node
import { runTs } from './run-ts.mjs';

await runTs('electron/cli/main.ts');
