package annotate

import (
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/bylinehq/byline/site/markdown"
)

// An edit is a change to the syntax tree planned on a block's flat text:
// wrap text[start:end] in a linked Mention, or put a QuoteMark at start.
// Edits are planned first and applied last, right to left, so that planning
// sees the tree as parsed.
type edit struct {
	block      int
	start, end int
	id         string              // wrap: the entity to link
	mark       *markdown.QuoteMark // mark: the node to insert
}

// applyEdits carries out the edits, each block's from right to left.
func applyEdits(blocks []*block, edits []edit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].block != edits[j].block {
			return edits[i].block < edits[j].block
		}
		return edits[i].start > edits[j].start
	})
	for _, e := range edits {
		b := blocks[e.block]
		if e.mark != nil {
			b.cut(e.start)
			if left := b.leafBefore(e.start); left != nil {
				// A mark cannot go inside code, and being a link itself it
				// cannot go inside a link: it goes after them.
				for p := left.Parent(); p != nil && p != b.node; p = p.Parent() {
					switch p.Kind() {
					case ast.KindCodeSpan, ast.KindLink, markdown.KindMention:
						left = p
					}
				}
				left.Parent().InsertAfter(left.Parent(), left, e.mark)
			} else {
				b.node.InsertBefore(b.node, b.node.FirstChild(), e.mark)
			}
			continue
		}
		b.cut(e.end)
		b.cut(e.start)
		first, last, ok := b.span(e.start, e.end)
		if !ok {
			continue
		}
		parent := first.Parent()
		m := &markdown.Mention{ID: e.id, Linked: true}
		parent.InsertBefore(parent, first, m)
		for n := first; ; {
			next := n.NextSibling()
			m.AppendChild(m, n)
			if n == last {
				break
			}
			n = next
		}
	}
}

// cut splits the leaf node holding text offset i so that a node starts at i.
func (b *block) cut(i int) {
	r := b.runAt(i)
	if r < 0 {
		return
	}
	atStart := b.runs[r].start == i
	switch {
	case atStart && (r == 0 || b.runs[r-1].node != b.runs[r].node || b.runs[r].node == nil):
		return // already a node boundary
	case !atStart && b.runs[r].atomic:
		return // inside an entity: not a place to cut
	}
	k := b.runs[r].off + i - b.runs[r].start
	var right ast.Node
	switch n := b.runs[r].node.(type) {
	case *ast.Text:
		seg := n.Segment
		t := ast.NewTextSegment(text.NewSegment(seg.Start+k, seg.Stop))
		t.SetSoftLineBreak(n.SoftLineBreak())
		t.SetHardLineBreak(n.HardLineBreak())
		t.SetRaw(n.IsRaw())
		n.Segment = text.NewSegment(seg.Start, seg.Start+k)
		n.SetSoftLineBreak(false)
		n.SetHardLineBreak(false)
		right = t
	case *ast.String:
		s := ast.NewString(append([]byte(nil), n.Value[k:]...))
		s.SetCode(n.IsCode())
		s.SetRaw(n.IsRaw())
		n.Value = n.Value[:k]
		right = s
	default:
		return
	}
	left := b.runs[r].node
	left.Parent().InsertAfter(left.Parent(), left, right)
	if atStart {
		// Run r and the node's later runs now belong to its right part.
		for j := r; j < len(b.runs) && b.runs[j].node == left; j++ {
			b.runs[j].node, b.runs[j].off = right, b.runs[j].off-k
		}
		return
	}
	tail := b.runs[r]
	tail.start, tail.node, tail.off = i, right, 0
	tail.srcLen -= i - b.runs[r].start
	b.runs[r].end, b.runs[r].srcLen = i, i-b.runs[r].start
	// The node's later runs now belong to its right part.
	for j := r + 1; j < len(b.runs); j++ {
		if b.runs[j].node == left {
			b.runs[j].node, b.runs[j].off = right, b.runs[j].off-k
		}
	}
	b.runs = append(b.runs[:r+1], append([]run{tail}, b.runs[r+1:]...)...)
}

// leafBefore returns the leaf node whose text ends at offset i.
func (b *block) leafBefore(i int) ast.Node {
	for r := len(b.runs) - 1; r >= 0; r-- {
		if b.runs[r].start < i && b.runs[r].node != nil {
			return b.runs[r].node
		}
	}
	return nil
}

// leafAt returns the leaf node whose text starts at offset i.
func (b *block) leafAt(i int) ast.Node {
	for _, r := range b.runs {
		if r.end > i && r.node != nil {
			return r.node
		}
	}
	return nil
}

// span finds the sibling nodes that together hold exactly text[start:end],
// once cut has put node boundaries there. ok is false when the text is part
// of a larger node, such as half of an emphasis.
func (b *block) span(start, end int) (first, last ast.Node, ok bool) {
	sl, el := b.leafAt(start), b.leafBefore(end)
	if sl == nil || el == nil {
		return nil, nil, false
	}
	lca := commonAncestor(sl, el)
	if lca == nil {
		return nil, nil, false
	}
	first, last = childOn(lca, sl), childOn(lca, el)
	s, _ := b.extent(first)
	_, e := b.extent(last)
	return first, last, s == start && e == end
}

// extent is the range of text a node's leaves hold.
func (b *block) extent(n ast.Node) (start, end int) {
	start, end = -1, -1
	for _, r := range b.runs {
		if r.node == nil || !isAncestor(n, r.node) {
			continue
		}
		if start < 0 {
			start = r.start
		}
		end = r.end
	}
	return start, end
}

func isAncestor(a, n ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if n == a {
			return true
		}
	}
	return false
}

func commonAncestor(a, b ast.Node) ast.Node {
	for p := a.Parent(); p != nil; p = p.Parent() {
		if isAncestor(p, b) {
			return p
		}
	}
	return nil
}

// childOn returns the child of parent that is n or holds n.
func childOn(parent, n ast.Node) ast.Node {
	for n != nil && n.Parent() != parent {
		n = n.Parent()
	}
	return n
}

// canWrap says whether text[start:end] can become one Mention node once
// the leaves at its ends are cut.
func (b *block) canWrap(start, end int) bool {
	rs, re := b.runAt(start), b.runAt(end-1)
	if rs < 0 || re < 0 || b.runs[rs].node == nil || b.runs[re].node == nil {
		return false
	}
	sl, el := b.runs[rs].node, b.runs[re].node
	lca := sl.Parent()
	if sl != el {
		lca = commonAncestor(sl, el)
	}
	if lca == nil {
		return false
	}
	first, last := childOn(lca, sl), childOn(lca, el)
	if s, _ := b.extent(first); first != sl && s != start {
		return false
	}
	if _, e := b.extent(last); last != el && e != end {
		return false
	}
	return true
}
