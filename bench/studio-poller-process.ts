/**
 * Stands in for a person watching a run in the studio: the runs page's live status fragment every
 * second (what its htmx polling asks for) and, every fifth second, a page of the dataset browser
 * (a person paging through the records as they arrive). Prints `ready` after
 * its first round and the number of requests made when stopped.
 */
const url = process.argv[2];
let requests = 0;
let stopped = false;
process.on('SIGTERM', () => {
  stopped = true;
});
let round = 0;
while (!stopped) {
  const started = Date.now();
  for (const path of round++ % 5 === 0 ? ['runs/r0/status', 'runs/r0/data?page=0'] : ['runs/r0/status']) {
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
