// Package diag holds the diagnostics byline reports: a message tied to a
// position in a source file, printed as path:line:col: message.
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// A Diagnostic is one problem found in a site's files.
type Diagnostic struct {
	Path string // slash-separated, relative to the site root
	Line int    // 1-based; 0 when the problem is with the whole file
	Col  int    // 1-based; 0 when unknown
	Msg  string
	// Warning marks a problem that does not stop a build: byline check
	// reports it, byline build prints it.
	Warning bool
}

func (d Diagnostic) String() string {
	if d.Warning {
		d.Msg = "warning: " + d.Msg
	}
	// Every message reads path:line:col, as editors and CI annotations
	// expect; a problem with a whole file points at its start.
	line, col := max(d.Line, 1), max(d.Col, 1)
	if d.Line == 0 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.Path, line, col, d.Msg)
}

// A List collects diagnostics; the zero value is ready to use.
// A List is not safe for concurrent use.
type List []Diagnostic

// Add appends a diagnostic built from a format string.
func (l *List) Add(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning built from a format string.
func (l *List) Warn(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// Errors returns the diagnostics that are not warnings.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if !d.Warning {
			out = append(out, d)
		}
	}
	return out
}

// Warnings returns the diagnostics that are warnings.
func (l List) Warnings() List {
	var out List
	for _, d := range l {
		if d.Warning {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders the list by path, line and column, and drops exact repeats.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return slices.Compact(l)
}

// Err returns the list's errors as an error, or nil when it has none.
// Warnings are left out.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &Error{List: errs.Sort()}
}

// Error is a non-empty List as an error.
type Error struct{ List List }

func (e *Error) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// LineCol converts a byte offset in src to a 1-based line and column
// (the column counts bytes, as Go's own tools do).
func LineCol(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	before := src[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	nl := bytes.LastIndexByte(before, '\n')
	return line, off - nl
}
