#!/usr/bin/env python3
"""First contact: run gca (env GCA) on every run of a behaviour set and compare with its labels.
usage: GCA=/path/to/gca firstcontact_runs.py SETDIR"""
import glob, json, os, subprocess, sys
setdir = sys.argv[1]
gca = os.environ.get("GCA", "gca")
right = total = 0
for mf in sorted(glob.glob(os.path.join(setdir, "runs", "*.meta.json"))):
    m = json.load(open(mf))
    log = mf[:-len(".meta.json")] + ".log"
    if not os.path.exists(log):
        log += ".gz"
    out = subprocess.run([gca, "analyze", "--format", "json", log], capture_output=True, text=True)
    try:
        r = json.loads(out.stdout)
    except Exception:
        print("ERR", os.path.basename(log), out.stderr[:200]); continue
    procs = r.get("processes") or []
    got = [(p.get("isolate") or "", p.get("verdict"), (p.get("crash") or {}).get("kind"), p.get("predicted_oom_ms")) for p in procs]
    want = m.get("expected_verdict")
    ok_set = {want} | set(m.get("acceptable_verdicts") or [])
    # the run's verdict: its one process, or the worst of several (workers are labelled by hand)
    verdicts = [g[1] for g in got]
    ok = any(v in ok_set for v in verdicts) if len(verdicts) > 1 else (verdicts and verdicts[0] in ok_set)
    oomflag = ""
    if want in ("healthy",) and any(g[3] is not None for g in got):
        oomflag = " OOM-PREDICTED-FOR-HEALTHY"; ok = False
    total += 1; right += bool(ok)
    print("%-4s %-60s want=%-16s got=%s%s" % ("ok" if ok else "MISS", os.path.basename(log), want + ("|" + ",".join(m.get("acceptable_verdicts")) if m.get("acceptable_verdicts") else ""), ";".join("%s%s/%s" % (g[0] + ":" if g[0] else "", g[1], g[2]) for g in got), oomflag))
print("right %d of %d" % (right, total))
