package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of every V8 line shape the parser knows. Each shape has its own participle
// parser; the line classifier (classify.go) picks the one to try, so a line that cannot be V8's
// never reaches a grammar. Whitespace is elided by the lexer: V8 pads columns and its padding
// changed between versions (two spaces before the mu clause in Node 7–24, one in 25+).
//
// Raw text that must survive exactly (reasons, fatal messages, symbols) is captured as a span:
// the grammar matches its tokens and the span's Pos/EndPos slice the original input.

var v8Lexer = lexer.MustSimple([]lexer.SimpleRule{
	// An address: 0x… (Linux, macOS), or Windows' upper-case digits without 0x (16 on x64, 8 on
	// ia32). A run of upper-case hex digits with at least one letter counts as an address;
	// 16 digits always do.
	{Name: "Addr", Pattern: `0x[0-9a-fA-F]+|[0-9A-F]{16}\b|[0-9]*[A-F][0-9A-F]*\b`},
	// A decimal comma is a locale's (an Electron app on a German desktop prints
	// "Mark-sweep 2045,0 (2050,9) -> 2043,8"); V8 never puts a digit right after a comma.
	{Name: "Number", Pattern: `[0-9]+(?:[.,][0-9]+)?(?:[eE][-+]?[0-9]+)?`},
	// Words may hold inner dashes and dots: Mark-sweep, semi-space, scavenge.roots.
	{Name: "Word", Pattern: `[A-Za-z_][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*`},
	{Name: "Arrow", Pattern: `->|→`},
	{Name: "Punct", Pattern: `[\[\](){}<>,:;/=+*.%#~@!?&|\\$^'"\x60-]`},
	{Name: "Space", Pattern: `\s+`},
	{Name: "Other", Pattern: `.`},
})

// span is any run of tokens, kept as the raw text it covers.
type span struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Toks   []string `parser:"@(Addr|Number|Word|Arrow|Punct|Other)+"`
}

// text returns the input the span covers.
func (s *span) text(input string) string {
	if s == nil || s.Pos.Offset >= len(input) {
		return ""
	}
	end := s.EndPos.Offset
	if end > len(input) || end < s.Pos.Offset {
		end = len(input)
	}
	return input[s.Pos.Offset:end]
}

// prefixG is V8's "[pid]", "[pid:isolate]" or "[pid:isolate:id]" line prefix.
type prefixG struct {
	PID     string  `parser:"'[' @Number"`
	Isolate *string `parser:"( ':' @(Addr | Number) )?"`
	ID      *string `parser:"( ':' @Number )? ']'"`
}

// isolateMarkG is the "[I:0x…]" tag Node 4 prints after the prefix of NVP lines.
type isolateMarkG struct {
	Isolate string `parser:"'[' 'I' ':' @(Addr | Number) ']'"`
}

// gcLineG is a --trace-gc line (or ring-buffer entry) of any era.
//
//	[pid:isolate]  T ms: TYPE (qual)* S0 (M0) -> S1 (M1) MB, [pooled: P MB,] A [/ B] ms [INCR] [MU] [REASONS]
type gcLineG struct {
	gcHeadG
	Sizes  sizesG     `parser:"@@"`
	Pooled *string    `parser:"( 'pooled' ':' @Number 'MB' ',' )?"`
	Dur    durationsG `parser:"@@"`
	Incr   *incrG     `parser:"@@?"`
	Mu     *muG       `parser:"@@?"`
	Tail   *span      `parser:"@@?"`
}

// gcHeadG is what a --trace-gc line starts with, in every form: "[pid:isolate]  T ms: TYPE (qual)*".
type gcHeadG struct {
	Prefix *prefixG `parser:"@@?"`
	Time   string   `parser:"@Number 'ms' ':'"`
	Names  []string `parser:"@('Shared' | 'Incremental' | 'Minor')* @('Scavenge' | 'Mark-sweep' | 'Mark-Compact' | 'Mark-Sweep')"`
	Quals  []*qualG `parser:"@@*"`
}

type qualG struct {
	Words []string `parser:"'(' @('reduce' | 'interleaved' | 'during' 'sweeping') ')'"`
}

// sizesG is "S0 (M0) -> S1 (M1) MB,"; the arrow may be a typographer's ("→", a blog's quote)
// or have lost its dash to a page that escaped it ("1373.5 (1423.3) > 1372.6", an issue).
type sizesG struct {
	HeapBefore      string `parser:"@Number"`
	CommittedBefore string `parser:"'(' @Number ')' ( Arrow | '>' )"`
	HeapAfter       string `parser:"@Number"`
	CommittedAfter  string `parser:"'(' @Number ')' 'MB' ','"`
}

// abridgedGCLineG is a --trace-gc line as a blog post or a hand-trimmed report quotes it:
// "46463 ms: Mark-Compact (reduce) 62.4 → 61.9 MB", without the committed sizes, and often
// without the pause and what follows. The sizes are what V8 measured; read only where V8's
// own form (gcLineG) left them unread.
type abridgedGCLineG struct {
	gcHeadG
	HeapBefore string `parser:"@Number Arrow"`
	HeapAfter  string `parser:"@Number 'MB'"`
	Rest       *span  `parser:"@@?"`
}

// durationsG is "P / E ms" (Node 4+), "E / P ms" (0.12, external first and an integer) or
// "P ms" (0.12 and io.js without external time); which is which is decided from the digits.
type durationsG struct {
	First  string  `parser:"@Number"`
	Second *string `parser:"( '/' @Number )? 'ms'"`
}

type incrG struct {
	MarkingMS string   `parser:"'(' '+' @Number 'ms'"`
	Steps     string   `parser:"'in' @Number 'steps'"`
	Since     []string `parser:"'since' @( 'start' 'of' 'marking' | 'last' 'GC' )"`
	Biggest   *string  `parser:"( ',' 'biggest' 'step' @Number 'ms' )?"`
	Walltime  *string  `parser:"( ',' 'walltime' 'since' 'start' 'of' 'marking' @Number 'ms' )? ')'"`
}

type muG struct {
	Average string `parser:"'(' 'average' 'mu' '=' @Number ','"`
	Current string `parser:"'current' 'mu' '=' @Number ')'"`
}

// gcTailG is what is left of a ring-buffer entry that lost its start: the end of the
// incremental clause, the mu clause, the reasons — whichever survived.
type gcTailG struct {
	Incr *incrG `parser:"@@?"`
	Mu   *muG   `parser:"@@?"`
	Tail *span  `parser:"@@?"`
}

// nvpLineG is a --trace-gc-nvp line: name=value pairs up to Node 24, "GC: {json}" from 25.
type nvpLineG struct {
	Prefix *prefixG      `parser:"@@?"`
	Mark   *isolateMarkG `parser:"@@?"`
	Time   string        `parser:"@Number 'ms' ':'"`
	JSON   *span         `parser:"( 'GC' ':' @@"`
	Pairs  []*pairG      `parser:"| @@+ )"`
}

type pairG struct {
	Key   string  `parser:"@Word '='"`
	Minus bool    `parser:"( @'-'?"`
	Num   *string `parser:"  @Number '%'?"`
	Str   *string `parser:"| @(Word | Addr) )?"`
}

// heapRowG is a row of the --trace-gc-verbose table:
//
//	[pid:isolate] Old space,   used: 2417 KB, available: 141 KB, committed: 2608 KB
type heapRowG struct {
	Prefix *prefixG    `parser:"@@"`
	Label  []string    `parser:"@(Word | Number)+ ','"`
	Cols   []*heapColG `parser:"@@+"`
}

type heapColG struct {
	Name  string `parser:"@Word ':' '*'?"`
	Value string `parser:"@Number 'KB' '*'? ','?"`
}

// otherLineG is a prefixed V8 line that is not a GC event: verbose footers, heap controller,
// memory reducer, Node 25's action= lines, the Node 26 memory-pool message.
type otherLineG struct {
	Prefix *prefixG      `parser:"@@"`
	Mark   *isolateMarkG `parser:"@@?"`
	Time   *string       `parser:"( @Number 'ms' ':' )?"`
	Text   *span         `parser:"@@?"`
}

// fatalLineG is Node's "FATAL ERROR: <location> <message>".
type fatalLineG struct {
	Location *locationG `parser:"'FATAL' 'ERROR' ':' @@?"`
	Message  *messageG  `parser:"@@?"`
}

type locationG struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Toks   []string `parser:"@(!'Allocation')+"`
}

type messageG struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Toks   []string `parser:"@'Allocation' @(Addr|Number|Word|Arrow|Punct|Other)*"`
}

// bannerLineG is a line of V8's own fatal banner ("#"-prefixed), as printed for V8_Fatal
// errors and by embedders without an OOM handler (Deno, d8, rusty_v8).
type bannerLineG struct {
	JSOOM       *span `parser:"'#' ( 'Fatal' 'JavaScript' 'out' 'of' 'memory' ':' @@"`
	ProcessOOM  *span `parser:"  | 'Fatal' 'process' 'out' 'of' 'memory' ':' @@"`
	OldJSOOM    *span `parser:"  | 'Fatal' 'javascript' 'OOM' 'in' @@"`
	OldProcOOM  *span `parser:"  | 'Fatal' 'process' 'OOM' 'in' @@"`
	InvalidSize *span `parser:"  | 'Fatal' 'JavaScript' 'invalid' 'size' 'error' @@"`
	FatalIn     *span `parser:"  | 'Fatal' 'error' 'in' @@"`
	CheckFailed *span `parser:"  | ( 'Debug' 'check' | 'Check' ) 'failed' ':' @@"`
	APIHandler  *span `parser:"  | 'API' 'fatal' 'error' 'handler' 'returned' 'after' @@"`
	Failure     *span `parser:"  | 'FailureMessage' @@"`
	Text        *span `parser:"  | @@ )?"`
}

// embedderOOMG is Electron's "OOM error in V8: <location> <message>" and Chromium/Blink's
// "V8 javascript OOM (<location>)." / "V8 process OOM (<location>).".
type embedderOOMG struct {
	Process     bool       `parser:"( @('Fatal' 'process' 'out' 'of' 'memory' ':')"`
	ProcessLoc  *locationG `parser:"  @@?"`
	ProcessMsg  *messageG  `parser:"  @@?"`
	Electron    bool       `parser:"| @('OOM' 'error' 'in' 'V8' ':')"`
	ElectronLoc *locationG `parser:"  @@?"`
	ElectronMsg *messageG  `parser:"  @@?"`
	Blink       *string    `parser:"| 'V8' @('javascript' | 'process') 'OOM'"`
	BlinkLoc    *span      `parser:"  '(' @@ )"`
}

// jsFrameG is a frame of the old "==== JS stack trace ====" block.
//
//	2: _onTimeout(aka tick) [/srv/app/leak-linear.js:~44] [pc=0x6be52f8a21f](this=0x2a… <Timeout …>)
type jsFrameG struct {
	Index string `parser:"@Number ':'"`
	Rest  *span  `parser:"@@?"`
}

// nativeFrameG is a frame of a native stack trace.
//
//	1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [/usr/local/bin/node]
//	1: 00007FF71AD3B106 node::OnFatalError+1318
//	1: node::Abort() [/usr/local/bin/node]
type nativeFrameG struct {
	Index   string  `parser:"@Number ':'"`
	Address *string `parser:"@Addr?"`
	Rest    *span   `parser:"@@?"`
}

// cFrameG is a frame of V8's "==== C stack trace" (Deno, embedders) or a macOS backtrace:
//
//	0   deno   0x0000000101abfe78 v8::base::debug::StackTrace::StackTrace() + 24
//	0x6a36669bfa3 <???> at /usr/local/bin/deno
//	./deno/package/deno(+0x28b0d2e) [0x55731535ad2e]
type cFrameG struct {
	Index   *string `parser:"@Number?"`
	Module  *string `parser:"@Word?"`
	Address *string `parser:"@Addr?"`
	Rest    *span   `parser:"@@?"`
}

// jsErrorG is an uncaught JavaScript error of V8's or Node's size limits:
//
//	RangeError: Invalid string length
//	RangeError [ERR_BUFFER_TOO_LARGE]: Cannot create a Buffer larger than 4294967296 bytes
//	Uncaught RangeError: Invalid typed array length: 9007199254740992
type jsErrorG struct {
	Name    string  `parser:"'Uncaught'? @('RangeError' | 'RuntimeError' | 'Error')"`
	Code    *string `parser:"( '[' @Word ']' )?"`
	Message *span   `parser:"':' @@"`
}

// atFrameG is a frame of a JavaScript Error's stack: "at fn (file:line:col)".
type atFrameG struct {
	Rest *span `parser:"'at' @@"`
}

var (
	cFrameParser      = participle.MustBuild[cFrameG](participle.Lexer(v8Lexer), participle.Elide("Space"))
	atFrameParser     = participle.MustBuild[atFrameG](participle.Lexer(v8Lexer), participle.Elide("Space"))
	jsErrorParser     = participle.MustBuild[jsErrorG](participle.Lexer(v8Lexer), participle.Elide("Space"))
	gcParser          = participle.MustBuild[gcLineG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(6))
	abridgedGCParser  = participle.MustBuild[abridgedGCLineG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(4))
	gcTailParser      = participle.MustBuild[gcTailG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(6))
	nvpParser         = participle.MustBuild[nvpLineG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(4))
	heapRowParser     = participle.MustBuild[heapRowG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(4))
	otherLineParser   = participle.MustBuild[otherLineG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(4))
	fatalParser       = participle.MustBuild[fatalLineG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(4))
	bannerParser      = participle.MustBuild[bannerLineG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(8))
	embedderOOMParser = participle.MustBuild[embedderOOMG](participle.Lexer(v8Lexer), participle.Elide("Space"), participle.UseLookahead(8))
	jsFrameParser     = participle.MustBuild[jsFrameG](participle.Lexer(v8Lexer), participle.Elide("Space"))
	nativeFrameParser = participle.MustBuild[nativeFrameG](participle.Lexer(v8Lexer), participle.Elide("Space"))
)
