#!/usr/bin/env node
// The `ficbind` command: runs the compiled CLI (dist/, built by `npm run compile`) with plain Node.
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
