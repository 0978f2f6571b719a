#!/usr/bin/env node
// The `ficbind` command: runs the compiled CLI (dist/, built by `npm run compile`) with plain Node.
import { runCli } from '../dist/cli.js';

const status = await runCli(process.argv.slice(2));
// The command has finished its work and awaited every write: once what it printed is out, leave, rather than wait
// about a tenth of a second for Node to wind down the native libraries' thread pools (sharp's) on its own.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((flushed) => stream.write('', flushed))));
process.exit(status);
