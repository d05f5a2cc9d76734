package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/input"
	"github.com/gcanalyze/gcanalyze/internal/inorder"
	"github.com/urfave/cli/v2"
)

// maxInMemory is the largest log a batch reads into memory to hand to a worker; a larger one
// is analysed where it is read, streaming, so memory stays bounded.
const maxInMemory = 64 << 20

// batchRow is one line of the batch summary: a process of a log, or a log that failed.
type batchRow struct {
	Source              string   `json:"source"`
	PID                 int64    `json:"pid"`
	Isolate             string   `json:"isolate"`
	Verdict             string   `json:"verdict"`
	Crashed             bool     `json:"crashed"`
	CrashKind           string   `json:"crash_kind"`
	CrashTimeMS         *float64 `json:"crash_time_ms"`
	Fatal               string   `json:"fatal"`
	GCEvents            int      `json:"gc_events"`
	FullGCs             int      `json:"full_gcs"`
	FirstMS             *float64 `json:"first_ms"`
	LastMS              *float64 `json:"last_ms"`
	HeapLimitMB         *float64 `json:"heap_limit_mb"`
	HeapLimitSource     string   `json:"heap_limit_source"`
	LiveHeapSlopeMBPerS *float64 `json:"live_heap_slope_mb_per_s"`
	PredictedOOMMS      *float64 `json:"predicted_oom_ms"`
	GCOverhead          *float64 `json:"gc_overhead"`
	FullPauseP95MS      *float64 `json:"full_pause_p95_ms"`
	FullPauseMaxMS      *float64 `json:"full_pause_max_ms"`
	TopFrame            string   `json:"top_frame"`
	Error               string   `json:"error"`
	predictedFromEndMS  *float64
	// err is the error an error row says, for notLogs to tell a document beside the logs.
	err error
}

var batchColumns = []string{"source", "pid", "isolate", "verdict", "crashed", "crash_kind", "crash_time_ms", "fatal",
	"gc_events", "full_gcs", "first_ms", "last_ms", "heap_limit_mb", "heap_limit_source", "live_heap_slope_mb_per_s",
	"predicted_oom_ms", "gc_overhead", "full_pause_p95_ms", "full_pause_max_ms", "top_frame", "error"}

func (r batchRow) csv() []string {
	return []string{r.Source, strconv.FormatInt(r.PID, 10), r.Isolate, r.Verdict, strconv.FormatBool(r.Crashed), r.CrashKind,
		floatCell(r.CrashTimeMS), r.Fatal, strconv.Itoa(r.GCEvents), strconv.Itoa(r.FullGCs), floatCell(r.FirstMS), floatCell(r.LastMS),
		floatCell(r.HeapLimitMB), r.HeapLimitSource, floatCell(r.LiveHeapSlopeMBPerS), floatCell(r.PredictedOOMMS), floatCell(r.GCOverhead),
		floatCell(r.FullPauseP95MS), floatCell(r.FullPauseMaxMS), r.TopFrame, r.Error}
}

func rowsOf(rep *analyze.Report) []batchRow {
	if len(rep.Processes) == 0 {
		// V8's lines, but neither a GC nor a crash to analyse (a verbose table, a banner).
		return []batchRow{{Source: rep.Source, Verdict: analyze.VerdictInsufficientData}}
	}
	var rows []batchRow
	for _, p := range rep.Processes {
		r := batchRow{Source: rep.Source, PID: p.PID, Isolate: p.Isolate, Verdict: p.Verdict, GCEvents: p.GCEvents,
			FullGCs: p.FullGCs, FirstMS: p.FirstMS, LastMS: p.LastMS, HeapLimitMB: p.HeapLimitMB, HeapLimitSource: p.HeapLimitSource,
			LiveHeapSlopeMBPerS: p.LiveHeapSlopeMBPerS, PredictedOOMMS: p.PredictedOOMMS, GCOverhead: p.GCOverhead}
		if c := p.Crash; c != nil {
			r.Crashed, r.CrashKind, r.CrashTimeMS, r.Fatal = true, string(c.Kind), c.TimeMS, c.Fatal
			if len(c.TopFrames) > 0 {
				r.TopFrame = c.TopFrames[0]
			}
		}
		if ps := p.Pauses["full"]; ps != nil {
			p95, mx := ps.P95MS, ps.MaxMS
			r.FullPauseP95MS, r.FullPauseMaxMS = &p95, &mx
		}
		if p.Crash == nil && p.PredictedOOMMS != nil && p.LastMS != nil {
			left := *p.PredictedOOMMS - *p.LastMS
			r.predictedFromEndMS = &left
		}
		rows = append(rows, r)
	}
	return rows
}

// batchJob is one log read for a worker, or one whose rows are already known (it could not be
// read, or it was too large to hold and was analysed as it streamed).
type batchJob struct {
	index  int
	source string
	data   []byte
	done   []batchRow
}

type batchResult struct {
	index int
	rows  []batchRow
	bytes int64
}

func (a *app) batchCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "batch",
		Usage:     "analyse many logs at once: one row per process, then what goes wrong most",
		ArgsUsage: "DIR|ARCHIVE|FILE|GLOB ...",
		Description: "Examples:\n" +
			"   gcanalyze batch crashlogs/ -o summary.csv\n" +
			"   gcanalyze batch logs-2026-11.tar.gz --format jsonl -o summary.jsonl\n" +
			"   gcanalyze batch 'ci/**/*.log' --jobs 8",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the rows here (default: standard output)"},
			formatFlag(batchFormats, ""),
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "logs analysed at once"},
			&cli.BoolFlag{Name: "no-progress", Usage: "no progress line, even on a terminal"},
		}, heapLimitFlags("the heap limit all processes ran with")...),
		Action: func(c *cli.Context) error {
			if err := needInputs(c); err != nil {
				return err
			}
			format, err := choice(c, "format", batchFormats)
			if err != nil {
				return err
			}
			jobs := c.Int("jobs")
			if jobs < 1 || jobs > 1024 {
				return usageError{"--jobs takes a number from 1 to 1024"}
			}
			opts, err := analysisOptions(c)
			if err != nil {
				return err
			}
			return a.batch(c.Args().Slice(), c.String("output"), format, jobs, opts, !c.Bool("no-progress") && isTerminal(a.stderr))
		},
	})
}

// batchFormats are the formats of the batch rows, the default first.
var batchFormats = []string{"csv", "jsonl"}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// batch analyses the inputs with jobs workers and writes the rows to output (standard output
// when empty) and the summary after them (to standard error when the rows went to standard
// output). An output file is replaced only once the batch ends, interrupted or not.
func (a *app) batch(args []string, output, format string, jobs int, opts analyze.Options, progress bool) error {
	if output == "" {
		a.batchRows(a.stdout, args, "", format, jobs, opts, progress).write(a.stderr)
		return nil
	}
	var summary *batchSummary
	err := writeAtomic(output, func(w io.Writer) error {
		summary = a.batchRows(w, args, output, format, jobs, opts, progress)
		return nil
	})
	if err != nil {
		return err
	}
	summary.write(a.stdout)
	return nil
}

// batchRows writes the rows of the inputs to out. Rows are written in input order as soon as
// every earlier log is done, and flushed, so an interrupted batch keeps what it finished.
func (a *app) batchRows(out io.Writer, args []string, output, format string, jobs int, opts analyze.Options, progress bool) *batchSummary {
	bw := bufio.NewWriter(out)
	var cw *csv.Writer
	if format == "csv" {
		cw = csv.NewWriter(bw)
		_ = cw.Write(batchColumns)
	}
	writeRow := func(r batchRow) {
		if cw != nil {
			_ = cw.Write(r.csv())
			return
		}
		b, _ := json.Marshal(r)
		bw.Write(b)
		bw.WriteByte('\n')
	}
	flush := func() {
		if cw != nil {
			cw.Flush()
		}
		bw.Flush()
	}

	total := totalSize(args)
	prog := newProgress(a.stderr, progress, total)
	var summary batchSummary
	docs := newNotLogs(args)
	var setAside []batchRow
	emit := func(row batchRow) {
		writeRow(row)
		summary.add(row)
		if row.Error != "" {
			prog.clear()
			fmt.Fprintf(a.stderr, "gcanalyze: %s: %s\n", row.Source, row.Error)
		}
	}
	// Logs are analysed on all cores; their rows are written in input order.
	submit, wait := inorder.Run(jobs, func(j batchJob) batchResult {
		rows := j.done
		if rows == nil {
			rows = analyzeRows(j.source, bytes.NewReader(j.data), opts)
		}
		return batchResult{index: j.index, rows: rows, bytes: int64(len(j.data))}
	}, func(r batchResult) int { return r.index }, func(r batchResult) {
		for _, row := range r.rows {
			if row.err != nil && docs.setAside(row.Source, row.err) {
				setAside = append(setAside, row)
				continue
			}
			emit(row)
		}
		flush()
		prog.step(r.bytes)
	})
	index := 0
	interrupted := false
	errs := input.Each(args, a.stdin, func(name string, r io.Reader) error {
		if isOutput(name, output) {
			return nil // the rows of this batch, being written into the directory it reads
		}
		if a.ctx.Err() != nil {
			interrupted = true
			return nil
		}
		docs.visited++
		i := index
		index++
		data, err := io.ReadAll(io.LimitReader(r, maxInMemory+1))
		if errors.Is(err, input.ErrTruncated) {
			// A compressed log cut short: what came before the break is read as the log,
			// the break as where it fails (analyzeRows keeps both).
			rows := analyzeRows(name, io.MultiReader(bytes.NewReader(data), failing{err}), opts)
			submit <- batchJob{index: i, data: data, done: rows}
			return nil
		}
		if err != nil {
			submit <- batchJob{index: i, done: []batchRow{{Source: name, Error: err.Error()}}}
			return nil
		}
		if len(data) > maxInMemory {
			// Too large to hold: analyse it here, streaming the rest.
			rows := analyzeRows(name, io.MultiReader(bytes.NewReader(data), r), opts)
			submit <- batchJob{index: i, data: data, done: rows}
			return nil
		}
		submit <- batchJob{index: i, source: name, data: data}
		return nil
	})
	wait()
	prog.end()
	if docs.onlyDocuments() {
		// Nothing else came: the documents are what there was, each failing as before.
		for _, row := range setAside {
			emit(row)
		}
	}
	docs.note(a.stderr)
	for _, err := range errs {
		a.fail(err) // named on standard error as it happened; the row says it again
		row := batchRow{Error: err.Error()}
		var ie *input.Error
		if errors.As(err, &ie) {
			row.Source, row.Error = ie.Name, ie.Err.Error()
		}
		writeRow(row)
		summary.add(row)
	}
	flush()
	if summary.failedRows > 0 && a.code == exitOK {
		a.code = exitInput
	}
	if interrupted {
		fmt.Fprintln(a.stderr, "gcanalyze: interrupted; the rows of the logs finished so far are written")
		a.code = exitInput
	}
	return &summary
}

// isOutput reports whether an input is the batch's own output file, or the temporary file it
// is written through (see writeAtomic).
func isOutput(name, output string) bool {
	if output == "" {
		return false
	}
	n, err1 := filepath.Abs(name)
	o, err2 := filepath.Abs(output)
	if err1 != nil || err2 != nil || filepath.Dir(n) != filepath.Dir(o) {
		return false
	}
	base, obase := filepath.Base(n), filepath.Base(o)
	return base == obase || strings.HasPrefix(base, "."+obase+".") && strings.HasSuffix(base, ".tmp")
}

// analyzeRows analyses one log and returns its rows, or one row with the error.
func analyzeRows(source string, r io.Reader, opts analyze.Options) []batchRow {
	rep, err := analyze.FromReader(r, source, opts)
	if truncated(rep, err) {
		// What was read before the log broke off is analysed; the error row says where.
		return append(rowsOf(rep), batchRow{Source: source, Error: err.Error()})
	}
	if err != nil {
		return []batchRow{{Source: source, Error: err.Error(), err: err}}
	}
	return rowsOf(rep)
}

// failing is a reader that fails with its error: the end of an input read in full before
// it broke off.
type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }

// truncated reports a compressed input cut short whose lines before the break hold a process
// to report on.
func truncated(rep *analyze.Report, err error) bool {
	return errors.Is(err, input.ErrTruncated) && rep != nil && len(rep.Processes) > 0
}

// totalSize sums the sizes of the files the arguments name (0 when unknown: stdin, globs of
// nothing), for the progress line's time left.
func totalSize(args []string) int64 {
	var total int64
	for _, arg := range args {
		_ = filepath.WalkDir(arg, func(_ string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if fi, err := d.Info(); err == nil {
					total += fi.Size()
				}
			}
			return nil
		})
	}
	return total
}

// batchSummary counts what went wrong, over all rows.
type batchSummary struct {
	logs       map[string]bool
	crashed    int
	processes  int
	failedRows int
	verdicts   map[string]int
	kinds      map[string]int
	frames     map[string]int
	worst      []batchRow
	// failed are the first inputs that could not be analysed, with the reason.
	failed []string
}

// failedListed is how many failed inputs the summary names; it counts the rest.
const failedListed = 10

func (s *batchSummary) add(r batchRow) {
	if s.logs == nil {
		s.logs, s.verdicts, s.kinds, s.frames = map[string]bool{}, map[string]int{}, map[string]int{}, map[string]int{}
	}
	s.logs[r.Source] = true
	if r.Error != "" {
		s.failedRows++
		if len(s.failed) < failedListed {
			s.failed = append(s.failed, r.Source+": "+r.Error)
		}
		return
	}
	s.processes++
	s.verdicts[r.Verdict]++
	if r.Crashed {
		s.crashed++
		s.kinds[r.CrashKind]++
		if r.TopFrame != "" {
			s.frames[r.TopFrame]++
		}
	}
	if r.predictedFromEndMS != nil {
		s.worst = append(s.worst, r)
		sort.Slice(s.worst, func(i, j int) bool { return *s.worst[i].predictedFromEndMS < *s.worst[j].predictedFromEndMS })
		if len(s.worst) > 5 {
			s.worst = s.worst[:5]
		}
	}
}

func top(m map[string]int, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%6d  %s", m[k], k)
	}
	return out
}

func (s *batchSummary) write(w io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d logs, %d processes, %d crashed, %d could not be analysed\n", len(s.logs), s.processes, s.crashed, s.failedRows)
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, l := range lines {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	section("Verdicts", top(s.verdicts, 10))
	section("Fatal errors", top(s.kinds, 10))
	section("JS frames most often on top of a crash", top(s.frames, 5))
	var worst []string
	for _, r := range s.worst {
		worst = append(worst, fmt.Sprintf("%s (pid %d): OOM predicted %.1f s after the log ends", r.Source, r.PID, *r.predictedFromEndMS/1000))
	}
	section("Nearest predicted OOM (processes still alive)", worst)
	failed := s.failed
	if more := s.failedRows - len(failed); more > 0 {
		failed = append(failed[:len(failed):len(failed)], fmt.Sprintf("… and %d more (the rows say which)", more))
	}
	section("Could not be analysed", failed)
	io.WriteString(w, b.String())
}

// progress prints one line on a terminal (files done, MB/s, time left), nothing elsewhere.
type progress struct {
	w       io.Writer
	on      bool
	total   int64
	done    int64
	files   int
	started time.Time
	last    time.Time
}

func newProgress(w io.Writer, on bool, total int64) *progress {
	return &progress{w: w, on: on, total: total, started: time.Now()}
}

func (p *progress) step(n int64) {
	p.files++
	p.done += n
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	el := time.Since(p.started).Seconds()
	rate := float64(p.done) / (1 << 20) / max(el, 1e-3)
	line := fmt.Sprintf("\r%d logs · %.1f MB · %.1f MB/s", p.files, float64(p.done)/(1<<20), rate)
	if p.total > 0 && p.done > 0 && p.done < p.total {
		left := el * float64(p.total-p.done) / float64(p.done)
		line += fmt.Sprintf(" · about %s left", (time.Duration(left) * time.Second).Round(time.Second))
	}
	fmt.Fprintf(p.w, "%-70s", line)
}

// clear blanks the progress line so that a message can be printed in its place.
func (p *progress) clear() {
	if p.on && p.files > 0 {
		fmt.Fprintf(p.w, "\r%-70s\r", "")
	}
}

func (p *progress) end() {
	if p.on && p.files > 0 {
		fmt.Fprintf(p.w, "\r%-70s\r", "")
	}
}
