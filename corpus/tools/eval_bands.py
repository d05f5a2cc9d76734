#!/usr/bin/env python3
"""Steady-leak cuts of the time-to-OOM evaluation by signed error band, per cut share.
usage: go test ./analyze -run 'TestTimeToOOMEvaluation$' -v > eval.txt; eval_bands.py eval.txt [more.txt]"""
import re,collections,sys,statistics as st
def rows(f):
    out={}
    for line in open(f):
        m=re.match(r'\s*(\S+\.log(?:\.gz)?)\s+(\w+)\s+(\d+)%\s+(\d+)\s+(\S+)\s+(\d+)\s+\[(\d+), (\d+)\](!?)\s+(\d+)\s+([\d.]+)%\s*(.*)',line)
        if m:
            r=m.groups(); out[(r[0],r[2])]=r
    return out
for f in sys.argv[1:]:
    c=collections.Counter(); ab=collections.defaultdict(list)
    for k,r in rows(f).items():
        if r[1]!='steady' or int(r[3])<4 or 'not enforced' in r[11] or 'stalled' in r[11]: continue
        pred,act=int(r[5]),int(r[9]); e=(pred-act)/act
        b='<-12' if e<-0.12 else '-12..-5' if e<-0.05 else '-5..5' if e<0.05 else '5..12' if e<0.12 else '>12'
        c[(r[2],b)]+=1; ab[r[2]].append(abs(e))
    print(f)
    for cut in ['20','40','60','80']:
        print(' ',cut, [(b,c[(cut,b)]) for b in ['<-12','-12..-5','-5..5','5..12','>12']], 'median abs %.2f%%'%(100*st.median(ab[cut])))
