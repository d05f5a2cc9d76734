#!/usr/bin/env python3
"""Copy a held-out paste set made by a helper (corpus/tools/paste-set-brief.md) into
corpus/heldout-SET/: each .log as it is, its .meta.json, and an .expect.json whose analysis part
holds the label; then `go test ./parser -run TestCorpus -update -count=1` fills the parser part.

usage: import_pastes.py STAGINGDIR SET   (e.g. /work/staging/pastes-bk bk)
"""
import glob, json, os, shutil, sys

src, name = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
dst = os.path.join(root, 'heldout-' + name)
os.makedirs(dst, exist_ok=True)
for meta in sorted(glob.glob(os.path.join(src, '*.meta.json'))):
    base = meta[:-len('.meta.json')]
    log = base + '.log'
    d = json.load(open(meta))
    expect = d['label']['expect']
    procs = [{'pid': e.get('pid'), 'verdict': e['verdict'], 'crash_kind': e['crash_kind'], 'why': e.get('why', '')} for e in expect]
    first = procs[0] if procs else {'verdict': None, 'crash_kind': None, 'why': 'no process'}
    analysis = {
        'verdict': first['verdict'], 'crash_kind': first['crash_kind'], 'oom_predicted_for_none': True,
        'why': 'label: ' + first['why'], 'processes': procs, 'process_count': len(procs),
    }
    for f in (log, meta):
        out = os.path.join(dst, os.path.basename(f))
        if os.path.exists(out):
            sys.exit('refusing to overwrite ' + out)
        shutil.copyfile(f, out)
    with open(os.path.join(dst, os.path.basename(base) + '.expect.json'), 'w') as f:
        json.dump({'analysis': analysis, 'parser': {}}, f, indent=2)
        f.write('\n')
    print(os.path.basename(log))
