/**
 * Stands in for a person watching a run in the studio: every second, the runs page's live status
 * fragment and a page of the dataset browser, as htmx would ask for them. Prints `ready` after
 * its first round and the number of requests made when stopped.
 */
const url = process.argv[2];
let requests = 0;
let stopped = false;
process.on('SIGTERM', () => {
  stopped = true;
});
while (!stopped) {
  const started = Date.now();
  for (const path of ['runs/r0/status', 'runs/r0/data?page=0']) {
    try {
      await (await fetch(`${url}${path}`, { headers: { 'hx-request': 'true' } })).text();
      requests++;
    } catch {
      // the studio may not have the run's first records yet
    }
  }
  if (requests === 2) process.stdout.write('ready\n');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - started))));
}
process.stdout.write(`${requests}\n`);
process.exit(0);
