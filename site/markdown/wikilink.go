package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// KindMention is the node kind of Mention.
var KindMention = ast.NewNodeKind("Mention")

// A Mention is a reference to an entity in the text: written as [[id]] or
// [[id|shown text]], or found by the annotate stage. Its children are the
// text readers see; the first mention of each entity is rendered as a link.
type Mention struct {
	ast.BaseInline
	ID       string
	Explicit bool // written as [[...]]
	Linked   bool // render as a link to the entity page
	Start    int  // offset in the source, for diagnostics
}

// Kind implements ast.Node.
func (n *Mention) Kind() ast.NodeKind { return KindMention }

// Dump implements ast.Node.
func (n *Mention) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

type wikilinkParser struct{}

var _ parser.InlineParser = wikilinkParser{}

func (wikilinkParser) Trigger() []byte { return []byte{'['} }

// Parse reads [[id]] or [[id|shown text]]; the shown text may run over
// the lines of its paragraph. An explicit mention without shown text gets
// the entity's name from annotate.
func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	savedLine, savedPos := block.Position()
	parts, ok := readUntil(block, 2, []byte("]]"))
	src := block.Source()
	inner := joinParts(parts, src)
	if !ok || strings.TrimSpace(inner) == "" || strings.Contains(inner, "[") {
		block.SetPosition(savedLine, savedPos)
		return nil
	}
	n := &Mention{Explicit: true, Start: seg.Start}
	idParts, shown, bar := splitParts(parts, src, []byte("|"))
	if !bar {
		idParts = parts
	}
	n.ID = strings.TrimSpace(joinParts(idParts, src))
	for i, p := range shown {
		if i == 0 {
			p = p.TrimLeftSpace(src)
		}
		if i == len(shown)-1 {
			p = p.TrimRightSpace(src)
		}
		if p.Len() > 0 {
			t := ast.NewTextSegment(p)
			t.SetSoftLineBreak(i < len(shown)-1)
			n.AppendChild(n, t)
		}
	}
	return n
}

// CloseBlock implements parser.InlineParser.
func (wikilinkParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// KindQuoteMark is the node kind of QuoteMark.
var KindQuoteMark = ast.NewNodeKind("QuoteMark")

// A QuoteMark is the numbered footnote mark after a direct quote, added by
// the annotate stage; it links to the quote's entry in the Quotes section.
type QuoteMark struct {
	ast.BaseInline
	N int
}

// Kind implements ast.Node.
func (n *QuoteMark) Kind() ast.NodeKind { return KindQuoteMark }

// Dump implements ast.Node.
func (n *QuoteMark) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
