#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `ficbind` works straight from a checkout or an install.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
