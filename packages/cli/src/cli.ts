#!/usr/bin/env node
import { runCli } from './run-cli';

// Exit explicitly once output is flushed: a provider (e.g. a model runtime)
// may keep handles open after close.
const code = await runCli(process.argv.slice(2));
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
