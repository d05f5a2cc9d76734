// A healthy program for gcanalyze run's tests: short-lived garbage only, a bounded cache, for
// the given seconds (default 45); prints a line every 5 s and exits 0.
'use strict';
const seconds = Number(process.argv[2] || 45);
const cache = new Map();
let n = 0, i = 0;
const churn = setInterval(() => {
  for (let k = 0; k < 2000; k++) cache.set(i++ % 5000, { v: new Array(50).fill(k) });
}, 20);
const tick = setInterval(() => { console.log('tick', ++n); }, 5000);
setTimeout(() => { clearInterval(churn); clearInterval(tick); console.log('done'); }, seconds * 1000);
