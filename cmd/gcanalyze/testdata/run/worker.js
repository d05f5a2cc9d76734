// A worker thread that leaks ~8 MB/s into the 64 MB its Worker's resourceLimits give it, while
// the main thread churns (and so collects) well under the process's default limit, for
// gcanalyze run's tests. With an argument N, the program exits after N seconds, before the
// worker has run out; without one, Node terminates the worker for its memory and the program
// exits 0 two seconds later. With a second argument "idle", the main thread allocates nothing
// and prints no GC at all, as a program that hands its work to a worker and waits; it starts
// the worker 0.3 s in.
'use strict';
const { Worker, isMainThread } = require('worker_threads');
if (isMainThread) {
  const start = () => {
    const w = new Worker(__filename, { resourceLimits: { maxOldGenerationSizeMb: 64 } });
    w.on('error', (e) => console.log('worker error: ' + e.message));
    w.on('exit', () => setTimeout(() => process.exit(0), 2000));
  };
  // An idle main thread reads its input first: its worker starts 0.3 s after it.
  if (process.argv[3] === 'idle') setTimeout(start, 300);
  else start();
  let churn = [];
  if (process.argv[3] !== 'idle') {
    setInterval(() => {
      churn = [];
      for (let i = 0; i < 20000; i++) churn.push({ i, s: 'x' + i });
    }, 50);
  }
  if (process.argv[2]) setTimeout(() => process.exit(0), 1000 * Number(process.argv[2]));
} else {
  const keep = [];
  setInterval(() => {
    for (let i = 0; i < 2000; i++) keep.push({ id: i, payload: 'p' + Math.random() });
  }, 25);
}
