// A parent that forks a Node child and starts a worker thread, all three churning garbage for a
// few seconds, for gcanalyze run's tests.
'use strict';
const { fork } = require('child_process');
const { Worker, isMainThread } = require('worker_threads');
function churn(ms) {
  const end = Date.now() + ms;
  let keep = [];
  while (Date.now() < end) {
    for (let i = 0; i < 1e4; i++) keep.push({ i, s: 'x' + i });
    if (keep.length > 2e5) keep = [];
  }
}
if (process.argv[2] === 'child') {
  churn(3000);
  console.log('child done');
} else if (!isMainThread) {
  churn(3000);
} else {
  const child = fork(__filename, ['child']);
  new Worker(__filename);
  churn(3000);
  child.on('exit', (code) => console.log('parent done, child exited', code));
}
