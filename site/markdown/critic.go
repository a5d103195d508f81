package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// ChangeKind is the kind of a CriticMarkup span.
type ChangeKind int

// The CriticMarkup kinds. Only substitutions, deletions and insertions are
// edits made after publication; comments and highlights are not.
const (
	Substitution ChangeKind = iota // {~~old~>new~~}
	Deletion                       // {--removed--}
	Insertion                      // {++added++}
	Comment                        // {>>note<<}, never shown
	Highlight                      // {==text==}
)

// KindChange is the node kind of Change.
var KindChange = ast.NewNodeKind("Change")

// A Change is one CriticMarkup span. Its children are what readers see:
// the new text of a substitution or insertion, the text of a highlight. A
// span may run over several lines of its paragraph.
type Change struct {
	ast.BaseInline
	ChangeKind ChangeKind
	Old        string // the earlier text of a substitution or deletion, lines joined by spaces
	New        string // the new text of a substitution or insertion
	Start      int    // offset of the opening brace in the source
	N          int    // 1-based number among the article's edits, set by annotate
	Correction int    // 1-based number of the correction it belongs to, set by annotate
}

// Kind implements ast.Node.
func (n *Change) Kind() ast.NodeKind { return KindChange }

// Dump implements ast.Node.
func (n *Change) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Old": n.Old, "New": n.New}, nil)
}

// IsEdit says whether the change alters the published text.
func (n *Change) IsEdit() bool { return n.ChangeKind <= Insertion }

type criticParser struct{}

var _ parser.InlineParser = criticParser{}

var criticForms = []struct {
	open, close string
	kind        ChangeKind
}{
	{"{~~", "~~}", Substitution},
	{"{--", "--}", Deletion},
	{"{++", "++}", Insertion},
	{"{>>", "<<}", Comment},
	{"{==", "==}", Highlight},
}

func (criticParser) Trigger() []byte { return []byte{'{'} }

// Parse reads one CriticMarkup span, which must close within its paragraph.
func (criticParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	for _, f := range criticForms {
		if !bytes.HasPrefix(line, []byte(f.open)) {
			continue
		}
		savedLine, savedPos := block.Position()
		parts, ok := readUntil(block, 3, []byte(f.close))
		if !ok {
			block.SetPosition(savedLine, savedPos)
			return nil
		}
		n := &Change{ChangeKind: f.kind, Start: seg.Start}
		src := block.Source()
		var visible []text.Segment
		switch f.kind {
		case Substitution:
			old, neu, found := splitParts(parts, src, []byte("~>"))
			if !found {
				block.SetPosition(savedLine, savedPos)
				return nil
			}
			n.Old, n.New, visible = joinParts(old, src), joinParts(neu, src), neu
		case Deletion:
			n.Old = joinParts(parts, src)
		case Insertion, Highlight:
			n.New, visible = joinParts(parts, src), parts
		}
		for i, p := range visible {
			if p.Len() == 0 {
				continue
			}
			t := ast.NewTextSegment(p)
			t.SetSoftLineBreak(i < len(visible)-1)
			n.AppendChild(n, t)
		}
		return n
	}
	return nil
}

// readUntil skips skip bytes, then reads up to the closing marker, across
// the lines of the block if need be, and returns the text before it as one
// segment per line. The reader is left after the marker.
func readUntil(block text.Reader, skip int, close []byte) ([]text.Segment, bool) {
	block.Advance(skip)
	var parts []text.Segment
	for {
		line, seg := block.PeekLine()
		if line == nil {
			return nil, false
		}
		if i := bytes.Index(line, close); i >= 0 {
			parts = append(parts, text.NewSegment(seg.Start, seg.Start+i))
			block.Advance(i + len(close))
			return parts, true
		}
		stop := seg.Start + len(bytes.TrimRight(line, "\r\n"))
		parts = append(parts, text.NewSegment(seg.Start, stop))
		block.AdvanceLine()
	}
}

// splitParts splits segments at the first occurrence of sep within one of them.
func splitParts(parts []text.Segment, src, sep []byte) (before, after []text.Segment, ok bool) {
	for i, p := range parts {
		if k := bytes.Index(p.Value(src), sep); k >= 0 {
			before = append(append(before, parts[:i]...), text.NewSegment(p.Start, p.Start+k))
			after = append([]text.Segment{text.NewSegment(p.Start+k+len(sep), p.Stop)}, parts[i+1:]...)
			return before, after, true
		}
	}
	return nil, nil, false
}

// joinParts is the text of segments, lines joined by single spaces.
func joinParts(parts []text.Segment, src []byte) string {
	var b bytes.Buffer
	for i, p := range parts {
		v := p.Value(src)
		if i > 0 {
			v = bytes.TrimLeft(v, " \t")
			if b.Len() > 0 && len(v) > 0 {
				b.WriteByte(' ')
			}
		}
		b.Write(v)
	}
	return b.String()
}

// CloseBlock implements parser.InlineParser.
func (criticParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// KindChangeMark is the node kind of ChangeMark.
var KindChangeMark = ast.NewNodeKind("ChangeMark")

// A ChangeMark is the mark of a Change inside a Markdown link, placed after
// the link by the annotate stage, since a mark (itself a link) cannot go
// inside one.
type ChangeMark struct {
	ast.BaseInline
	Change *Change
}

// Kind implements ast.Node.
func (n *ChangeMark) Kind() ast.NodeKind { return KindChangeMark }

// Dump implements ast.Node.
func (n *ChangeMark) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
