package annotate

import (
	"bytes"
	"html"
	"regexp"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/bylinehq/byline/site/markdown"
)

// A block is the text readers see in one paragraph-like block, flattened
// across inline markup, with runs that map its bytes back to the tree.
// Mentions and quotes are found in this text, so markup never splits them:
// "Ana {~~Ruis~>Ruiz~~}" reads "Ana Ruiz".
type block struct {
	node    ast.Node
	text    []byte
	runs    []run
	heading bool
}

// A run is a stretch of a block's text from one leaf node.
type run struct {
	start, end int
	node       ast.Node // *ast.Text or *ast.String, or nil for a line break
	off        int      // where the run starts in the node's own bytes
	srcLen     int      // how many of the node's bytes it covers
	atomic     bool     // an HTML entity, read as the character it stands for
	noScan     bool     // inside code, a link or an explicit mention
	code       bool     // inside a code span: no quotation marks either
	mention    *markdown.Mention
}

// flatten collects the text blocks of doc in document order.
func flatten(doc ast.Node, src []byte) []*block {
	var blocks []*block
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, east.KindTableCell, ast.KindHeading:
			b := &block{node: n, heading: n.Kind() == ast.KindHeading}
			b.inline(n, src, false, nil)
			blocks = append(blocks, b)
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks
}

func (b *block) add(node ast.Node, text []byte, noScan bool, m *markdown.Mention) {
	b.addPart(node, text, 0, len(text), false, noScan, m)
}

func (b *block) addPart(node ast.Node, text []byte, off, srcLen int, atomic, noScan bool, m *markdown.Mention) {
	if len(text) == 0 {
		return
	}
	start := len(b.text)
	b.text = append(b.text, text...)
	b.runs = append(b.runs, run{start: start, end: len(b.text), node: node, off: off, srcLen: srcLen, atomic: atomic, noScan: noScan, mention: m})
}

var entityRe = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)

// addText adds a text node, reading its HTML entities as the characters
// they stand for, as readers see them: "&ldquo;Yes,&rdquo; Ruiz said" has
// a quote.
func (b *block) addText(n *ast.Text, src []byte, noScan bool, m *markdown.Mention) {
	v := n.Segment.Value(src)
	if n.IsRaw() || !bytes.Contains(v, []byte("&")) {
		b.add(n, v, noScan, m)
		return
	}
	at := 0
	for _, loc := range entityRe.FindAllIndex(v, -1) {
		ent := string(v[loc[0]:loc[1]])
		char := html.UnescapeString(ent)
		if char == ent {
			continue
		}
		b.addPart(n, v[at:loc[0]], at, loc[0]-at, false, noScan, m)
		b.addPart(n, []byte(char), loc[0], loc[1]-loc[0], true, noScan, m)
		at = loc[1]
	}
	b.addPart(n, v[at:], at, len(v)-at, false, noScan, m)
}

func (b *block) inline(parent ast.Node, src []byte, noScan bool, m *markdown.Mention) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		switch n := c.(type) {
		case *ast.Text:
			b.addText(n, src, noScan, m)
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.add(nil, []byte(" "), noScan, m)
			}
		case *ast.String:
			b.add(n, n.Value, noScan, m)
		case *ast.CodeSpan:
			first := len(b.runs)
			b.inline(n, src, true, m)
			for i := first; i < len(b.runs); i++ {
				b.runs[i].code = true
			}
		case *ast.Link, *ast.AutoLink:
			if al, ok := n.(*ast.AutoLink); ok {
				b.add(nil, al.Label(src), true, m)
				continue
			}
			b.inline(n, src, true, m)
		case *markdown.Mention:
			b.inline(n, src, true, n)
		case *markdown.Change:
			b.inline(n, src, noScan, m)
		case *ast.Image, *ast.RawHTML:
			// Not part of the running text.
		default:
			if n.Kind() == east.KindFootnoteLink || n.Kind() == east.KindFootnoteBacklink {
				continue
			}
			b.inline(n, src, noScan, m)
		}
	}
}

// runAt returns the index of the run holding byte i of the text, or -1.
func (b *block) runAt(i int) int {
	lo, hi := 0, len(b.runs)
	for lo < hi {
		mid := (lo + hi) / 2
		switch {
		case b.runs[mid].end <= i:
			lo = mid + 1
		case b.runs[mid].start > i:
			hi = mid
		default:
			return mid
		}
	}
	return -1
}

// noScan reports whether any byte of text[start:end] may not hold a mention.
func (b *block) noScan(start, end int) bool {
	for i := b.runAt(start); i >= 0 && i < len(b.runs) && b.runs[i].start < end; i++ {
		if b.runs[i].noScan {
			return true
		}
	}
	return false
}

// inCode reports whether byte i of the text is inside a code span.
func (b *block) inCode(i int) bool {
	r := b.runAt(i)
	return r >= 0 && b.runs[r].code
}
