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
// the new text of a substitution or insertion, the text of a highlight.
type Change struct {
	ast.BaseInline
	ChangeKind ChangeKind
	Old        text.Segment // the earlier text of a substitution or deletion
	New        text.Segment // the new text of a substitution or insertion
	Start      int          // offset of the opening brace in the source
	N          int          // 1-based number among the article's edits, set by annotate
	Correction int          // 1-based number of the correction it belongs to, set by annotate
}

// Kind implements ast.Node.
func (n *Change) Kind() ast.NodeKind { return KindChange }

// Dump implements ast.Node.
func (n *Change) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Old": string(n.Old.Value(src))}, nil)
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

// Parse reads one CriticMarkup span, which must close on the line it opens.
func (criticParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	for _, f := range criticForms {
		if !bytes.HasPrefix(line, []byte(f.open)) {
			continue
		}
		end := bytes.Index(line[3:], []byte(f.close))
		if end < 0 {
			return nil
		}
		inner := text.NewSegment(seg.Start+3, seg.Start+3+end)
		n := &Change{ChangeKind: f.kind, Start: seg.Start}
		switch f.kind {
		case Substitution:
			arrow := bytes.Index(line[3:3+end], []byte("~>"))
			if arrow < 0 {
				return nil
			}
			n.Old = text.NewSegment(inner.Start, inner.Start+arrow)
			n.New = text.NewSegment(inner.Start+arrow+2, inner.Stop)
		case Deletion:
			n.Old = inner
		case Insertion, Highlight:
			n.New = inner
		}
		if n.New.Len() > 0 {
			n.AppendChild(n, ast.NewTextSegment(n.New))
		}
		block.Advance(3 + end + 3)
		return n
	}
	return nil
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
