#!/usr/bin/env python3
"""Import a blind behaviour set's runs into /work/main/corpus.
usage: import_runs.py SETDIR SETNAME [--dry] [--not-blind]
Each runs/P.L.nodeM.log becomes corpus/node-M/P.L.log.gz (gzipped, not edited), with its meta and
an expect.json whose analysis part is the label; the parser part is filled by
`go test ./parser -run TestCorpus -update`."""
import glob, gzip, json, os, re, shutil, sys
setdir, setname = sys.argv[1], sys.argv[2]
dry = "--dry" in sys.argv
notblind = "--not-blind" in sys.argv
CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = {"heap-limit", "ineffective-mark-compacts", "call-and-retry-last", "invalid-table-size",
         "invalid-array-length", "invalid-size", "young-promotion-failed", "semi-space", "zone",
         "process-oom", "worker-oom", "unknown", "system-oom", "invalid-string-length",
         "invalid-typed-array-length", "array-buffer-allocation-failed", "stack-overflow",
         "bigint-too-big", None}
NO_OOM = {"healthy", "allocation-burst", "structure-limit", "insufficient-data"}
for mf in sorted(glob.glob(os.path.join(setdir, "runs", "*.meta.json"))):
    m = json.load(open(mf))
    log = mf[:-len(".meta.json")] + ".log"
    base = os.path.basename(log)[:-len(".log")]
    mm = re.match(r"(.*)\.(node|deno)(\d+)$", base)
    stem, rt, major = mm.group(1), mm.group(2), mm.group(3)
    d = os.path.join(CORPUS, "node-%s" % major if rt == "node" else "deno-2.9")
    dest = os.path.join(d, stem + ".log.gz")
    if os.path.exists(dest):
        sys.exit("exists: " + dest)
    kind = m.get("observed_crash_kind", (m.get("observed_stats") or {}).get("observed_crash_kind"))
    # Helpers name V8's "young object promotion failed" in full; the parser's kind is shorter.
    kind = {"young-object-promotion-failed": "young-promotion-failed"}.get(kind, kind)
    if kind not in KINDS:
        print("CHECK crash kind %r of %s" % (kind, base))
    verdict = m["expected_verdict"]
    alts = [v for v in (m.get("acceptable_verdicts") or []) if v != verdict]
    a = {"verdict": verdict, "crash_kind": kind,
         "oom_predicted_for_none": verdict in NO_OOM and m.get("rate_profile") in ("none", "plateau", "decelerating"),
         "why": "scenario %s (%s); label: %s" % (m["scenario"], m.get("designed_behaviour", ""), m.get("why", ""))}
    if alts:
        a["verdict_alternatives"] = alts
        a["alternatives_why"] = m.get("acceptable_why") or m.get("rate_profile_note") or "ambiguous by design (LABELS.md)"
    m["log_file"] = os.path.basename(dest)
    who = "made by the project's main session, labels from the design, not blind to the tool" if notblind else "made and labelled blind by a helper of this project"
    m["source_note"] = (m.get("source_note", "") + " [set %s: %s; stored gzipped, not edited]" % (setname, who)).strip()
    print("%s -> %s  %s %s" % (base, dest[len(CORPUS) + 1:], verdict, kind))
    if dry:
        continue
    os.makedirs(d, exist_ok=True)
    with open(log, "rb") as src, gzip.open(dest, "wb", 9) as dst:
        shutil.copyfileobj(src, dst)
    json.dump(m, open(dest[:-len(".log.gz")] + ".meta.json", "w"), indent=2)
    json.dump({"analysis": a}, open(dest[:-len(".log.gz")] + ".expect.json", "w"), indent=2)
