package markdown

import (
	"bytes"

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

// Parse reads [[id]] or [[id|shown text]] closed on the same line. An
// explicit mention without shown text gets the entity's name from annotate.
func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.Index(line, []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2:end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.ContainsAny(inner, "[\n") {
		return nil
	}
	n := &Mention{Explicit: true, Start: seg.Start}
	id := inner
	if bar := bytes.IndexByte(inner, '|'); bar >= 0 {
		id = inner[:bar]
		shown := text.NewSegment(seg.Start+2+bar+1, seg.Start+end)
		shown = shown.TrimLeftSpace(block.Source())
		shown = shown.TrimRightSpace(block.Source())
		if shown.Len() > 0 {
			n.AppendChild(n, ast.NewTextSegment(shown))
		}
	}
	n.ID = string(bytes.TrimSpace(id))
	block.Advance(end + 2)
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
