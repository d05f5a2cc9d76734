// A job pool whose worker leaks a per-job cache; each worker runs with a 32 MB old-space cap,
// dies of ERR_WORKER_OUT_OF_MEMORY, and the pool starts a new one. The main thread is healthy.
'use strict';
const { Worker, isMainThread, parentPort } = require('worker_threads');
if (!isMainThread) {
  const seen = [];
  parentPort.on('message', (job) => {
    seen.push({ job, payload: 'r'.repeat(200) + job, at: Date.now() }); // never trimmed
    const scratch = []; for (let i = 0; i < 2000; i++) scratch.push({ i });
    parentPort.postMessage(job);
  });
} else {
  let deaths = 0, done = 0;
  const start = Date.now();
  function spawn() {
    const w = new Worker(__filename, { resourceLimits: { maxOldGenerationSizeMb: 32 } });
    let job = 0;
    const send = () => { for (let i = 0; i < 50; i++) w.postMessage(job++); };
    w.on('message', () => { done++; if (done % 50 === 0) setTimeout(send, 2); });
    w.on('error', (e) => { deaths++; console.error('worker died:', e.code || e.message); if (Date.now() - start < 30000) spawn(); else process.exit(0); });
    send();
  }
  spawn();
  const mainKeep = [];
  setInterval(() => { mainKeep.length = 0; for (let i = 0; i < 1000; i++) mainKeep.push({ i }); }, 20);
  setTimeout(() => { console.log('deaths', deaths, 'jobs', done); process.exit(0); }, 32000);
}
