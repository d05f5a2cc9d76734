// A leak for gcanalyze run's tests: retains ~2 MB/s until the heap limit (about 45 s with
// --max-old-space-size=96), and prints a line every 5 s.
'use strict';
const keep = [];
let n = 0;
setInterval(() => { keep.push(new Array(25000).fill(n)); }, 100);
setInterval(() => { console.log('tick', ++n); }, 5000);
