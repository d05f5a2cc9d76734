'use strict';
// gcanalyze run: trace this process's GCs and say who it is. Loaded with --require through
// NODE_OPTIONS, which may not carry --trace-gc itself.
try {
  var v8 = require('v8');
  v8.setFlagsFromString('--trace-gc');
  var main = true;
  try { main = require('worker_threads').isMainThread; } catch (e) {}
  // When this thread's environment was made and when it says so, in ms on the process's
  // clock: gcanalyze places the isolates that print GCs against them (Node 8.5 and later).
  var started = null, now = function () { return null; };
  try {
    var perf = require('perf_hooks').performance;
    started = perf.nodeTiming.environment;
    now = function () { return perf.now(); };
  } catch (e) {}
  if (main) {
    var args = process.execArgv.concat((process.env.NODE_OPTIONS || '').split(/\s+/));
    var old = null, semi = null, heap = null;
    args.forEach(function (a) {
      var m = /^--max[-_]old[-_]space[-_]size=(\d+(?:\.\d+)?)$/.exec(a);
      if (m) old = Number(m[1]);
      m = /^--max[-_]semi[-_]space[-_]size=(\d+(?:\.\d+)?)$/.exec(a);
      if (m) semi = Number(m[1]);
      m = /^--max[-_]heap[-_]size=(\d+(?:\.\d+)?)$/.exec(a);
      if (m) heap = Number(m[1]);
    });
    var info = { pid: process.pid, node: process.version, heap_size_limit: v8.getHeapStatistics().heap_size_limit,
      max_old_space_size: old, max_semi_space_size: semi, max_heap_size: heap, argv: process.argv,
      started_ms: started };
    info.at_ms = now();
    require('fs').writeSync(1, '[gcanalyze] ' + JSON.stringify(info) + '\n');
  } else {
    // A worker's heap is its own: its Worker's resourceLimits, unless the process's
    // --max-old-space-size overrides them. heap_size_limit says which won; the young
    // generation's share of it is in resourceLimits (Node 12.16 and later).
    var wt = require('worker_threads');
    var young = wt.resourceLimits && wt.resourceLimits.maxYoungGenerationSizeMb;
    var w = { pid: process.pid, node: process.version, worker: true, thread_id: wt.threadId,
      heap_size_limit: v8.getHeapStatistics().heap_size_limit, max_young_generation_size: young || null,
      started_ms: started };
    w.at_ms = now();
    require('fs').writeSync(1, '[gcanalyze] ' + JSON.stringify(w) + '\n');
  }
} catch (e) {}
