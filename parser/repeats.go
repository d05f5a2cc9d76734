package parser

// Where a GC belongs: live, or an entry of the crash dump's "Last few GCs" ring buffer, which
// repeats GCs traced live. Repeats marks those so that nothing is counted twice.

type liveKey struct {
	pid     int64
	time    float64
	before  float64
	isFull  bool
	hasIso  bool
	isolate string
	// sizeless is a live line cut before its sizes (the process died while V8 printed it):
	// a ring entry of its isolate at its time repeats it.
	sizeless bool
}

// finishGC places a GC in the log's structure: a crash-dump entry (and whether it repeats a
// live one) or a live GC, which ends any crash section.
func (p *Parser) finishGC(gc *GC, ev Event) {
	inRing := p.section == sectionRing
	gc.InCrashDump = inRing
	if inRing {
		p.ringEntries++
	} else {
		p.section = sectionNone
	}
	if !p.repeatsLater {
		p.observeRepeat(gc)
	}
	ev.Type, ev.GC = TypeGC, gc
	p.emit(ev)
}

// observeRepeat marks gc when it repeats a live GC, and remembers a live one.
func (p *Parser) observeRepeat(gc *GC) {
	if p.repeats == nil {
		p.repeats = new(Repeats)
	}
	p.repeats.Observe(gc)
}

func keyOf(g *GC) (liveKey, bool) {
	if g.TimeMS == nil || g.HeapBeforeMB == nil && (g.InCrashDump || g.Isolate == nil) {
		return liveKey{}, false
	}
	k := liveKey{time: *g.TimeMS, sizeless: g.HeapBeforeMB == nil}
	if !k.sizeless {
		k.before, k.isFull = *g.HeapBeforeMB, g.IsFull()
	}
	if g.PID != nil {
		k.pid = *g.PID
	}
	if g.Isolate != nil {
		k.hasIso, k.isolate = true, *g.Isolate
	}
	return k, true
}

// Repeats remembers the last live GCs and marks the crash dump's ring-buffer entries that
// repeat one of them, so nothing is counted twice. The parser uses one; a caller that parses
// a log in pieces runs one over the joined stream to catch repeats across the pieces.
type Repeats struct {
	// recent is a ring of the last repeatWindow live GCs, grown as they come: a crash log of
	// a few dozen lines, of which a batch reads thousands, does not clear kilobytes.
	recent []liveKey
	pos    int
}

// repeatWindow is how many live GCs back a crash dump's entry is looked for (V8's ring holds
// the last few).
const repeatWindow = 256

// observeEvents observes the GCs of evs in order. ring false says that evs hold no
// crash-dump entry: then only the live GCs the window keeps at the end need be seen, since
// the earlier ones would be forgotten before anything could repeat them.
func (r *Repeats) observeEvents(evs []Event, ring bool) {
	from := 0
	if !ring {
		kept := 0
		for from = len(evs); from > 0 && kept < repeatWindow; from-- {
			if ev := &evs[from-1]; ev.Type == TypeGC {
				if _, ok := keyOf(ev.GC); ok {
					kept++
				}
			}
		}
	}
	for i := from; i < len(evs); i++ {
		if evs[i].Type == TypeGC {
			r.Observe(evs[i].GC)
		}
	}
}

// Observe remembers a live GC or, for a crash-dump entry, marks it when it repeats one.
func (r *Repeats) Observe(g *GC) {
	k, ok := keyOf(g)
	if !ok {
		return
	}
	if !g.InCrashDump {
		if len(r.recent) < repeatWindow {
			r.recent = append(r.recent, k)
			return
		}
		r.recent[r.pos] = k
		r.pos = (r.pos + 1) % repeatWindow
		return
	}
	if g.Repeat {
		return
	}
	// Entries of Node ≤ 6 carry no prefix, so they match on time, size and collector alone.
	for _, x := range r.recent {
		if x.time == k.time && (x.before == k.before && x.isFull == k.isFull || x.sizeless && k.hasIso) &&
			(!k.hasIso || (x.pid == k.pid && x.isolate == k.isolate)) {
			g.Repeat = true
			return
		}
	}
}
