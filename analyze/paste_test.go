package analyze

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// TestPasteLabels holds the analysis to what real pastes show, as a person labelled them from
// their text before the tool was run on them: for each paste the number of processes, and for
// each process its verdict and crash kind. A paste's verdict (crash kind) is right when every
// process it was labelled with got its verdict (crash kind); each of the three must be right
// for at least 97% of the pastes. The misses are listed.
func TestPasteLabels(t *testing.T) {
	pastes, runs := &labelTally{what: "pastes"}, &labelTally{what: "multi-process runs"}
	// The held-out sets, each measured before any change it prompted and kept apart, with its
	// floor: a ratchet at what is measured now (two unsure labels of heldout-f; heldout-i's
	// 33 MB heap that died in Buffer.toString, labelled allocation-burst where the GC numbers
	// show no burst, and its Node 6 CALL_AND_RETRY_LAST at a flat 21 MB, labelled
	// heap-too-small because the text (not the paste) says the test ran under a small
	// --max-old-space-size: read insufficient-data since a death at under half the smallest
	// default limit is not shown to be the limit's (tinyHeapAtDeath), as heldout-o's Node 4
	// "Committing semi space failed" at a flat 35 MB and pastes-S's Node 8 last-resort GCs at
	// 16 MB on a 1 GB machine are labelled;
	// heldout-q's CALL_AND_RETRY_LAST death at ~860 MB under Node 6's 1400 MB default, which
	// the paste cuts before the frames that would show the version, labelled allocation-burst
	// (unsure; its Node 10 sibling, whose binary's path names the version, reads so since the
	// thirteenth session: belowDefault), and three scavenges at the limit
	// without the crash block's header, labelled a crash of unknown kind; heldout-r's Node 6
	// CALL_AND_RETRY_LAST at 884 MB labelled allocation-burst (the same convention question),
	// a 146 MB rise in 0.18 s at high mu into a 4 GB limit labelled heap-too-small (unsure)
	// where realworld/113's same shape is labelled allocation-burst (one last-resort GC at
	// 4.3 GB under a 12 GB flag, labelled insufficient-data, read allocation-burst until a
	// crash block with more room left under a flag than one object takes was read as a flag
	// not this process's);
	// heldout-s's one Mark-sweep at Node 16's 2 GB default, labelled heap-too-small (unsure)
	// where design.md and heldout-q say insufficient-data for one full GC; heldout-u's two
	// more such (a Scavenge and a Mark-Compact, both "reduce", at Node 20's 2 GB default), two
	// crash blocks whose GC lines the poster elided or abbreviated ("2019.3 (2094.8) …",
	// "Mark-Compact 13918.2 (14379.4) -> 13906.1 (14383.4) MB, 19196.32 ms"), three deaths
	// at the limit at high mu labelled against the corpus's conventions — two last-resort GCs
	// (allocation-burst; the corpus's rule for last-resort GCs is heap-too-small), one full
	// GC after a scavenge (allocation-burst; one full GC is insufficient data) — and a second
	// crash-block header with nothing after it (a heap at 96% of a 50 MB flag gaining 4 MB in
	// 10 ms, labelled heap-too-small, reads so since a rise of a young generation's few MB is
	// no burst: SuddenJumpMinMB),
	// labelled a process; heldout-w's crash block cut before its FATAL line whose labels took the
	// kind from the title; heldout-x's two such: a Netlify log that flattened the block
	// onto one line cut before its FATAL line, and a 32-bit solc compile whose one Mark-sweep
	// is all the store kept, both labelled with the title's kind; heldout-l's Netlify hash at
	// 922 MB under Node 10's default, labelled heap-too-small (unsure, "allocation-burst the
	// likelier"), read allocation-burst since then; heldout-z's pastes from blogs,
	// Q&A pages and notes in repositories: an "invalid table size" labelled insufficient-data
	// where design.md says structure-limit, webpack's four Mark-sweeps at 2 MB labelled
	// heap-too-small (tinyHeapAtDeath, as for heldout-i), two scripts whose two full GCs grow
	// labelled leak and a benchmark's four full GCs labelled leak where a line through them
	// does not clear zero); heldout-ac's Node 8 array growth at 692 MB under the 1400 MB default
	// its binary's path names, labelled heap-too-small (the labeller's note calls it one huge
	// array being grown), and a regexp compilation bug's CALL_AND_RETRY_LAST at 117 MB
	// labelled structure-limit from the page's words (unsure); heldout-ad's stream server
	// whose two equal full GCs over 8.8 s are labelled healthy (two points: insufficient data);
	// heldout-ae's 7-s tool run of 11 level young GCs and two forced full GCs, labelled
	// healthy, and five level young GCs over 25 s labelled insufficient data (unsure);
	// heldout-af's Express server, one full GC at its heap-limit death, labelled structure-limit
	// for the RangeErrors it caught and logged hours before (unsure); heldout-ag's TIFF
	// benchmark table whose six crash rows were flattened into markdown cells, the last row's
	// FATAL line cut inside its message, and a half-second benchmark's fifteen GCs labelled
	// healthy (unsure); heldout-ah's jest paste that starts with the native frames of an
	// earlier crash (a second process here, none in the label) and a crash block cut before
	// its FATAL line labelled with the issue title's kind; heldout-ai's ten scavenges of a
	// Meteor build in 0.24 s labelled gc-thrashing (insufficient data its alternative), a
	// Node-RED crash kind taken from the title, and a Fatal JavaScript invalid size
	// error labelled invalid-array-length from its Runtime_GrowArrayElements frame;
	// heldout-aj's blog trace of forced GCs whose last resort freed the heap, labelled
	// healthy (unsure: thrashing its alternative), and an Array.join that failed under the
	// default limit labelled allocation-burst against the crash-block convention;
	// heldout-ak's two last-resort GCs of one huge array fill labelled allocation-burst from
	// the command beside them, two full GCs 15 MB apart in 27 ms labelled leak, a Node 8
	// death growing a 75-million-element array (allocation-burst by the stack) labelled leak
	// for the hours it grew, and two full GCs at 4 MB under a 10 MB flag the paste does not
	// show labelled heap-too-small (tinyHeapAtDeath, as for heldout-i); heldout-al's Korean
	// blog whose author rewrote two GC lines without pid or sizes ("46463 ms: Mark-Compact
	// (reduce) 62.4 → 61.9 MB") and quoted the FATAL line once more in prose, labelled one
	// process, heap-too-small; heldout-am's README of four test programs each run in a worker
	// until the address space ran out (three crash blocks, one empty, and V8's banners "Fatal
	// process OOM in CodeRange setup" between them), labelled four processes (read six: the
	// banners and an uncaught RangeError are deaths the labels do not count); heldout-an's
	// "Reached heap limit" at 8.7 MB after two full GCs that freed 55% (a JSONPath slice with
	// step 0), labelled allocation-burst (unsure: read heap-too-small with the advice to check
	// the limit first), and a README whose http-server child printed a DeprecationWarning
	// with its pid, labelled no process (b059's labels count such a pid); heldout-ao's
	// ExperimentalWarning pid, labelled no process likewise, Toptal's forced full GCs at two
	// moments 10 min apart, 10.9 → 235.7 MB, labelled leak (two moments: insufficient data),
	// and a Next.js report whose three workers' FATAL lines, quoted twice, are labelled one
	// process, the one pid the paste names; heldout-ap's Node 6 gulp death by CALL_AND_RETRY_LAST
	// at 688 MB, labelled allocation-burst, whose paste shows its version only by its JS
	// stack's "<JS Object>" (reading that as Node 7 or older, 1400 MB by default, fixed it and
	// broke c001's Next.js build dead at 412 MB, labelled heap-too-small: not done), a Node 10
	// hexo build dead flattening a string of 216 million characters labelled allocation-burst
	// (an020, l026 and ac010 label such deaths heap-too-small), and two deaths after one full
	// GC labelled heap-too-small and allocation-burst (one full GC: insufficient data);
	// heldout-ar's two pid-less runs pasted together (split where the time goes back),
	// a blog's Mark-Compact lines rewritten with arrows, and two ring entries cut down to
	// their sizes (no times, no pauses: not V8's text, not read); heldout-at's 4 → 965 MB in
	// 0.8 s after start (loading, heap-too-small; labelled a burst), a death with 3 MB on the
	// heap (insufficient-data; labelled a burst) and one lone GC line labelled with an unknown
	// crash (no crash block pasted); heldout-aw's Node 4 crash block at a flat 676 MB whose
	// committed heap swelled to 12.8 GB (heap-too-small; labelled a burst) and a Node 10 death
	// at 1,306 MB while flattening a 460 M-character string (heap-too-small, 93% of the
	// default; labelled a burst); heldout-ba's two Mark-Compacts at 4 GB with mu 0.04 after
	// 66 h, no header, no FATAL line (read as a crash block's last GCs, heap-too-small;
	// labelled gc-thrashing alive, the labeller 55% sure and naming this reading), and two
	// forced full GCs at 7.6 MB in a 0.4-s benchmark (insufficient-data; labelled healthy,
	// insufficient-data named); heldout-bb's Node 8 death flat at 1,015 MB while encoding a
	// 360 M-character string (heap-too-small; labelled allocation-burst, heap-too-small
	// named) and two Mark-sweeps at 2 GB, the second cut after "-> 20" (insufficient-data;
	// labelled heap-too-small, insufficient-data named); heldout-bc's two Mark-Compacts at 4 GB
	// cut by their author to "Mark-Compact a (b) -> c (d) MB", no pid, no time (not read:
	// insufficient-data; labelled heap-too-small), two last-resort GCs on a 4 MB heap
	// (insufficient-data; labelled allocation-burst, as at009 of the same project — the
	// corpus's labels of that shape are split three ways); its scavenge at 2.9 GB under a 16 GB
	// flag, cut (read allocation-burst as it came; labelled insufficient-data), reads so since
	// the room left, 13 GB, is more than one object takes. heldout-bd's Expo start-up dead at
	// 4 GB 2.3 s after it began, two 6 ms Mark-Compacts at the limit (heap-too-small; labelled
	// allocation-burst, heap-too-small named: a heap that large that soon is a load or a
	// runaway, and a crash block cannot tell which; full GCs that fast over 4 GB are common
	// among the corpus's heap-too-small labels too). heldout-be's Next.js dev server at 2 GB,
	// two scavenges then one Mark-Compact 3 s later (insufficient-data; labelled
	// allocation-burst, "not sure", insufficient-data named), and a Jenkins log joined with
	// <br/> whose first Mark-sweep the store cut to "-sweep 1990.6 …", no pid and no time
	// (one full GC read: insufficient-data; labelled heap-too-small, insufficient-data named).
	// heldout-bg's four deaths with one full GC visible (a Parcel build, a Prisma migration on
	// a 256 MB VM, an Rsbuild dev server after 36 days, Qwen Code at 4 GB: insufficient-data,
	// as design.md says for fewer than two full GCs; labelled heap-too-small, insufficient-data
	// named in each) and an Appium crash whose FATAL line the terminal interleaved character
	// by character with the crash block's header and first GC line (the kind unknown, one
	// full GC read; labelled call-and-retry-last, heap-too-small, from the interleaving).
	// heldout-bh: 22 of 22 verdicts at first contact (0e441ac); one crash kind labelled from
	// the reporter's sentence above a paste cut before its FATAL line (unknown, as design.md
	// says for a paste that shows V8's OOM path but not its message). heldout-bi: 23 of 25
	// verdicts at first contact (2c5e873) once a FATAL line printed before its crash block
	// with a blank line on each side of the block's header was read as the block's own (a
	// Nuxt build on Node 8 printed it before and after; it read as a second, untraced
	// process); the two misses are crash blocks at 972 MB of a 1.4 GB default (Rocket.Chat
	// on Node 6) and at 170 MB after 13 days (ioBroker), read heap-too-small, labelled
	// allocation-burst with heap-too-small named ("sure: medium"). heldout-bj: 21 of 25
	// verdicts at first contact (852bae5), 22 once V8's banner "API fatal error handler
	// returned after process out of memory" was read as the death it names; the misses: a
	// worker's crash block at 41 MB whose 50 MB limit only Node's NearHeapLimitCallback debug
	// line states (insufficient-data, labelled heap-too-small), a crash block at 360 MB after
	// 23 h (heap-too-small, labelled allocation-burst "sure: medium-low"), and "Array buffer
	// allocation failed" with no GC line (allocation-burst as issue #12 asks of that error,
	// labelled insufficient-data). heldout-bk: 15 of 19 at first contact (5d68bfe), all four
	// misses Bun crash reports (JavaScriptCore, no V8 output: read as no process, named
	// Bun's since), which the helper labelled as one process each against its brief's rule
	// for text that is not V8 output (heldout-e's Bun banner is labelled no process).
	// heldout-bm: 20 of 20 at first contact (fbd116b): Cypress, Truffle, Eleventy, Nx, Karma,
	// Strapi crash blocks of Node 4 to 22, a report header alone, quoted and glued pastes.
	// heldout-bn: 20 of 20 at first contact (9abe1c7): Iron Fish nodes and miners (8), Vite,
	// SvelteKit, Rollup, React Native's packager, Node-RED, AWS CDK, Tailwind, Jest, Claude Code
	// crash blocks of Node 6 to 24, lines hard-wrapped mid-word, a fence glued to the header.
	// heldout-bo: 15 of 20 verdicts at first contact (c7e9294), 17 process counts: crash
	// blocks from Railway, Netlify, GitHub Actions, Splunk, Jenkins, ioBroker, Node 4 to 22,
	// three pastes of two processes each. Three fixes came of it (18 of 20 after): an arrow
	// that lost its dash ("1373.5 (1423.3) > 1372.6"), nodemon's "app crashed" as a death,
	// and a native stack's tail before a later crash block as an earlier death.
	// heldout-bp: 20 of 20 verdicts and process counts at first contact (de0ce34), 17 crash
	// kinds: crash blocks of Gatsby, Cypress, pnpm, ESLint, Karma, website-scraper, Meteor,
	// Node 4 to 24, six child processes of one test report glued into table cells, two
	// isolates interleaved. The three kinds missed are pastes cut after V8's last-resort GCs,
	// labelled call-and-retry-last by inference; the tool says unknown, as 64 held-out pastes
	// so cut are labelled.
	// heldout-bq: 18 of 20 verdicts and process counts at first contact (f2921a7), 17 crash
	// kinds: crash blocks of MeshCentral, Directus, Medusa, Expo, ganache, jsreport, Angular
	// CLI, hardhat, Node 6 to 16, Docker Swarm, docker-compose, journald and Expo prefixes, a
	// 32-bit Node at its 700 MB default, one --trace-gc-verbose block with no event line.
	// Its process counts missed count processes that printed nothing of V8's (a systemd
	// launcher named in a CGroup tree, a webpack re-run after a crash): the tool reports the
	// processes V8's output shows. Two kinds missed are last-resort GCs cut before the fatal
	// line, as in bp.
	// heldout-br: 19 of 20 verdicts and process counts at first contact (8c7f2e0), 18 crash
	// kinds: crash blocks of AWS Amplify (six), MCP servers, Firebase tools, esbuild, Tailwind,
	// mocha-webpack, MagicMirror, Node 8 to 26, a crash written as JavaScript string literals,
	// GC lines wrapped after "(average mu". Missed: a CodeBuild "npm run build" killed with no
	// V8 output (the shell's "Killed" behind Amplify's "[WARNING]: " prefix, read since:
	// TestShellKillBehindALogPrefix), and an issue title's mark-sweep with no fatal line
	// (labelled unknown from its prose, the tool says none).
	// heldout-bs: 12 of 12 verdicts, process counts and crash kinds at first contact
	// (a7f2075): crash blocks of Electron apps, Garden, Cornerstone, Metro, Claude Code on
	// Node 24 (Scavenge (interleaved), a Mark-Compact (reduce) line V8 cut), PM2 cluster
	// masters and workers of Node 4 and 8, three invalid-array-length deaths.
	// heldout-bt: 13 of 15 verdicts, 14 process counts, 11 crash kinds at first contact
	// (2f8e72d): a Node 12.0.0 report.json on Windows with no GC line, its heap 2.9 of 8.6 GB
	// when a fatal error ended it, read as an allocation burst (labelled insufficient data);
	// an Electron app's child log with two FATAL lines, read as one process (labelled two);
	// three Node 4-7 documentation builds whose last-resort GCs the tool leaves unknown where
	// the labeller infers call-and-retry-last, as in heldout-bp.
	// heldout-bu: 20 of 22 verdicts, 20 process counts, 21 crash kinds at first contact
	// (65e7545): an Azure DevOps log that echoes each error line with its "##[error]" prefix
	// and without, read as two deaths (labelled one); a kernel's cgroup OOM-kill line whose
	// pid the poster hid, not read at all (read since the same session); a dev.to trace of
	// six GCs on a flat 2 MB heap, read insufficient data (labelled healthy).
	// heldout-bv: 16 of 20 verdicts, 20 process counts, 19 crash kinds at first contact
	// (5422d9e): four crash blocks read heap-too-small where the labeller says allocation
	// burst, naming heap-too-small as the alternative in each — two last-resort GCs at 2.6 GB
	// of an unstated limit after 32 min, an Array.concat of 30M and 8.6M elements at 1.18 of
	// Node 8-10's 1.4 GB default, and 2.9 and 4.1 GB reached within 5-6 s of start (a load
	// dying at its limit, which the tool reads as a working set, as diedLoading does); a
	// "Fatal JavaScript invalid size error" read invalid-size (V8's words) where the
	// labeller says invalid-array-length, as heldout-ai's ai023.
	heldOut := []struct {
		set   string
		floor float64
		tally *labelTally
	}{{"heldout-e", 0.95, nil}, {"heldout-f", 0.95, nil}, {"heldout-i", 0.93, nil}, {"heldout-l", 0.97, nil}, {"heldout-m", 0.97, nil}, {"heldout-n", 0.96, nil}, {"heldout-o", 1, nil}, {"heldout-q", 0.93, nil}, {"heldout-r", 0.89, nil}, {"heldout-s", 0.96, nil}, {"heldout-u", 0.79, nil}, {"heldout-w", 0.85, nil}, {"heldout-x", 0.93, nil}, {"heldout-z", 0.77, nil}, {"heldout-aa", 0.93, nil}, {"heldout-ac", 0.9, nil}, {"heldout-ad", 0.96, nil}, {"heldout-ae", 0.93, nil}, {"heldout-af", 0.95, nil}, {"heldout-ag", 0.92, nil}, {"heldout-ah", 0.95, nil}, {"heldout-ai", 0.91, nil}, {"heldout-aj", 0.91, nil}, {"heldout-ak", 0.84, nil}, {"heldout-al", 0.96, nil}, {"heldout-am", 0.94, nil}, {"heldout-an", 0.95, nil}, {"heldout-ao", 0.89, nil}, {"heldout-ap", 0.77, nil}, {"heldout-ar", 0.83, nil}, {"heldout-at", 0.88, nil}, {"heldout-aw", 0.9, nil}, {"heldout-ba", 0.88, nil}, {"heldout-bb", 0.88, nil}, {"heldout-bc", 0.88, nil}, {"heldout-bd", 0.94, nil}, {"heldout-be", 0.87, nil}, {"heldout-bf", 0.95, nil}, {"heldout-bg", 0.76, nil}, {"heldout-bh", 0.95, nil}, {"heldout-bi", 0.92, nil}, {"heldout-bj", 0.88, nil}, {"heldout-bk", 0.78, nil}, {"heldout-bl", 0.88, nil}, {"heldout-bm", 1, nil}, {"heldout-bn", 1, nil}, {"heldout-bo", 0.9, nil}, {"heldout-bp", 0.85, nil}, {"heldout-bq", 0.85, nil}, {"heldout-br", 0.9, nil}, {"heldout-bs", 1, nil}, {"heldout-bt", 0.73, nil}, {"heldout-bu", 0.9, nil}, {"heldout-bv", 0.8, nil}}
	for i := range heldOut {
		heldOut[i].tally = &labelTally{what: "held-out pastes (" + heldOut[i].set + ")"}
	}
	for _, log := range corpustest.Logs(t) {
		want := readAnalysisExpect(t, log)
		if want.ProcessCount == nil {
			continue
		}
		tally := pastes
		if m, ok := corpustest.ReadMeta(log); ok && m.Scenario != "" {
			tally = runs // a run the project made, labelled per process from its design
		}
		name := corpustest.Name(log)
		for _, h := range heldOut {
			if strings.HasPrefix(name, h.set+"/") {
				tally = h.tally
			}
		}
		r, notV8 := analyzePaste(t, log)
		if notV8 && len(r.Processes) > 0 {
			t.Errorf("%s: %d processes, yet the error says no V8 output was found", name, len(r.Processes))
		}
		tally.add(name, r, want)
	}
	t.Logf("%s", pastes)
	t.Logf("%s", runs)
	for _, h := range heldOut {
		t.Logf("%s", h.tally)
	}
	// The floors: 97% of pastes for each; the multi-process runs as a ratchet at what is
	// measured now (the slowest of several leaking workers shows too few full GCs to call; an
	// Electron renderer "gone" with reason "crashed"; two uncaught errors a few lines apart
	// read as one death).
	pastes.atLeast(t, 0.97)
	// And a ratchet at what is measured now, each label on its own: a change that merged two
	// terser workers' deaths into one process (realworld/091) moved one paste of 318 and no
	// floor above saw it.
	pastes.noFewerThan(t, 314, 311, 315)
	runs.atLeast(t, 0.8)
	// Each process is judged against its own label and the alternatives it names (a forked
	// job's child with no full GC, labelled healthy, insufficient-data named: 2026-12-03,
	// before which the tally ignored them and read 61 of 71).
	// Their crash kinds are the fatal lines the logs print: four processes whose labels
	// guessed heap-limit or call-and-retry-last where the log says ineffective mark-compacts
	// or young object promotion failed were relabelled (2026-12-04; 67 of 71 before).
	runs.noFewerThan(t, 71, 69, 71)
	for _, h := range heldOut {
		h.tally.atLeast(t, h.floor)
	}
}

// labelTally counts how many labelled inputs the analysis got right, on each of the three
// labels.
type labelTally struct {
	what                                   string
	n, countRight, verdictRight, kindRight int
	misses                                 []string
}

// add holds the report r of the input name to its labels.
func (tl *labelTally) add(name string, r *Report, want analysisExpect) {
	tl.n++
	if len(r.Processes) == *want.ProcessCount {
		tl.countRight++
	} else {
		tl.misses = append(tl.misses, fmt.Sprintf("%s: %d processes, labelled %d", name, len(r.Processes), *want.ProcessCount))
	}
	verdictOK, kindOK := true, true
	used := map[*Process]bool{}
	for i, w := range want.Processes {
		gotVerdict, gotKind := "no process", "none"
		if p := matchProcess(r, w, want.Processes, used); p != nil {
			used[p] = true
			gotVerdict = p.Verdict
			if p.Crash != nil {
				gotKind = string(p.Crash.Kind)
			}
		}
		wantKind := "none"
		if w.CrashKind != nil {
			wantKind = *w.CrashKind
		}
		verdictRight := gotVerdict == w.Verdict || slices.Contains(w.VerdictAlternatives, gotVerdict)
		verdictOK = verdictOK && verdictRight
		kindOK = kindOK && gotKind == wantKind
		if !verdictRight || gotKind != wantKind {
			tl.misses = append(tl.misses, fmt.Sprintf("%s #%d: %s/%s, labelled %s/%s", name, i+1, gotVerdict, gotKind, w.Verdict, wantKind))
		}
	}
	if verdictOK {
		tl.verdictRight++
	}
	if kindOK {
		tl.kindRight++
	}
}

func (tl *labelTally) share(n int) float64 { return float64(n) / float64(max(tl.n, 1)) }

func (tl *labelTally) String() string {
	return fmt.Sprintf("%d %s: process count right for %d (%.1f%%), verdicts for %d (%.1f%%), crash kinds for %d (%.1f%%)\n  %s",
		tl.n, tl.what, tl.countRight, 100*tl.share(tl.countRight), tl.verdictRight, 100*tl.share(tl.verdictRight),
		tl.kindRight, 100*tl.share(tl.kindRight), strings.Join(tl.misses, "\n  "))
}

// atLeast fails the test when any of the three labels is right for less than floor.
func (tl *labelTally) atLeast(t *testing.T, floor float64) {
	t.Helper()
	for what, n := range map[string]int{"process count": tl.countRight, "verdict": tl.verdictRight, "crash kind": tl.kindRight} {
		if tl.share(n) < floor {
			t.Errorf("%s right for %.1f%% of %s (floor %.0f%%)", what, 100*tl.share(n), tl.what, 100*floor)
		}
	}
}

// noFewerThan fails when fewer inputs than measured before have their process count, verdicts
// or crash kinds right.
func (tl *labelTally) noFewerThan(t *testing.T, count, verdict, kind int) {
	t.Helper()
	if tl.countRight < count || tl.verdictRight < verdict || tl.kindRight < kind {
		t.Errorf("%s: process count, verdicts, kinds right for %d, %d, %d, fewer than the %d, %d, %d measured before:\n  %s",
			tl.what, tl.countRight, tl.verdictRight, tl.kindRight, count, verdict, kind, strings.Join(tl.misses, "\n  "))
	}
}

// analyzePaste analyses a paste as the CLI does; notV8 is whether it said nothing was found.
func analyzePaste(t *testing.T, log string) (r *Report, notV8 bool) {
	t.Helper()
	f, err := corpustest.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err = FromReader(f, log, Options{})
	var nv *parser.NotV8Error
	if err != nil && !errors.As(err, &nv) {
		t.Fatal(err)
	}
	return r, nv != nil
}

// matchProcess finds the process a label speaks of: by its pid when the label names one and
// the report has it, else the first process that no label names by pid and none took yet.
func matchProcess(r *Report, w processExpect, labels []processExpect, used map[*Process]bool) *Process {
	named := map[int64]bool{}
	for _, l := range labels {
		if l.PID != nil {
			named[*l.PID] = true
		}
	}
	if w.PID != nil {
		for _, p := range r.Processes {
			if p.PID == *w.PID && !used[p] && (w.Isolate == nil || p.Isolate == *w.Isolate) {
				return p
			}
		}
	}
	for _, p := range r.Processes {
		if !used[p] && !named[p.PID] {
			return p
		}
	}
	return nil
}
