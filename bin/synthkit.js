#!/usr/bin/env node
// Ctrl-C while the CLI is still loading (a second or more on a busy machine) quits at once with
// 130; each command replaces this with its own graceful stop once it runs.
const quit = () => process.exit(130);
process.on('SIGINT', quit);
process.on('SIGTERM', quit);
await import('../dist/cli/main.js');
