'use strict';
// gcanalyze run: trace this process's GCs and say who it is. Loaded with --require through
// NODE_OPTIONS, which may not carry --trace-gc itself.
try {
  var v8 = require('v8');
  v8.setFlagsFromString('--trace-gc');
  var main = true;
  try { main = require('worker_threads').isMainThread; } catch (e) {}
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
      max_old_space_size: old, max_semi_space_size: semi, max_heap_size: heap, argv: process.argv };
    require('fs').writeSync(1, '[gcanalyze] ' + JSON.stringify(info) + '\n');
  }
} catch (e) {}
