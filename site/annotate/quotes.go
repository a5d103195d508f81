package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
)

// A foundQuote is one direct quote's part in one block.
type foundQuote struct {
	block int
	span  quoteSpan
	mark  *markdown.QuoteMark
}

// findQuotes finds the direct quotes of every block outside headings: text
// between curly double quotes, or straight ones the typographer left. A
// quote left open at the end of a paragraph continues into the next one when
// that opens with a quotation mark, as news copy writes long quotes. It
// plans a numbered mark after each.
func findQuotes(blocks []*block, edits *[]edit) []foundQuote {
	var out []foundQuote
	carry := false // the previous block ended inside a quote
	for bi, b := range blocks {
		if b.heading {
			carry = false
			continue
		}
		text := string(b.text)
		i, first := 0, true
		leftOpen := false
		for {
			open := nextOpening(text, i, b.inCode)
			if open < 0 {
				break
			}
			ow := quoteWidth(text, open)
			close := nextClosing(text, open+ow, b.inCode)
			qs := quoteSpan{open: open, start: open + ow, closed: close >= 0,
				continued: first && carry && strings.TrimSpace(text[:open]) == ""}
			if close >= 0 {
				qs.end, qs.close = close, close+quoteWidth(text, close)
			} else {
				qs.end, qs.close = len(text), len(text)
			}
			first = false
			if t := quoteText(text[qs.start:qs.end]); t != "" {
				m := &markdown.QuoteMark{}
				out = append(out, foundQuote{block: bi, span: qs, mark: m})
				*edits = append(*edits, edit{block: bi, start: qs.close, mark: m})
			}
			if close < 0 {
				leftOpen = true
				break
			}
			i = qs.close
		}
		carry = leftOpen
	}
	for i := range out {
		out[i].mark.N = i + 1
	}
	return out
}

func quoteWidth(text string, i int) int {
	_, w := utf8.DecodeRuneInString(text[i:])
	return w
}

// nextOpening returns the offset of the next opening double quote at or after i.
func nextOpening(text string, i int, inCode func(int) bool) int {
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if (r == '“' || r == '"' && straightOpens(text, i)) && !inCode(i) {
			return i
		}
		i += w
	}
	return -1
}

// nextClosing returns the offset of the double quote that closes a quote
// whose text starts at i, or -1 when the block ends first.
func nextClosing(text string, i int, inCode func(int) bool) int {
	depth := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case inCode(i):
		case r == '“':
			depth++
		case r == '”' || r == '"' && !straightOpens(text, i):
			if depth == 0 {
				return i
			}
			depth--
		}
		i += w
	}
	return -1
}

// straightOpens says whether a straight double quote at i opens a quote: it
// does at the start of text or after a space or opening punctuation.
func straightOpens(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:", r)
}

// quoteText is what a quote's footnote shows: its words without the comma
// that news style puts inside the closing mark.
func quoteText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSpace(strings.TrimRight(s, ",;:"))
}

// attribute numbers the quotes and gives each its speaker: the article's
// quotes entry whose match opens it, otherwise the one the text names.
func (x *Index) attribute(a *content.Article, qs []foundQuote, blocks []*block, mentions []placed, pos func(int) (int, int), diags *diag.List) []Quote {
	var paras []para
	paraOf := map[int]int{}
	for bi, b := range blocks {
		if b.heading {
			continue
		}
		paraOf[bi] = len(paras)
		paras = append(paras, para{text: string(b.text)})
	}
	for _, q := range qs {
		p := &paras[paraOf[q.block]]
		p.quotes = append(p.quotes, q.span)
	}
	for _, m := range mentions {
		if pi, ok := paraOf[m.block]; ok {
			paras[pi].mentions = append(paras[pi].mentions, mentionSpan{start: m.start, end: m.end, id: m.id})
		}
	}
	speakers := inferSpeakers(paras, x.kb)

	used := make([]bool, len(a.Quotes))
	out := make([]Quote, len(qs))
	seen := map[int]int{}
	for i, q := range qs {
		pi := paraOf[q.block]
		k := seen[pi]
		seen[pi]++
		b := blocks[q.block]
		line, col := pos(b.sourceOffset(q.span.open))
		// Without a date of its own, a quote dates from the article reporting it.
		out[i] = Quote{N: i + 1, Text: quoteText(string(b.text[q.span.start:q.span.end])), Date: a.Date, Line: line, Col: col}
		if s := speakers[pi][k]; s != "" {
			out[i].Speaker, out[i].Inferred = s, true
		}
		for j, info := range a.Quotes {
			if opens(out[i].Text, info.Match) {
				used[j] = true
				out[i].Speaker, out[i].Inferred = info.Speaker.ID, false
				out[i].Source, out[i].Context = info.Source, info.Context
				if !info.Date.IsZero() {
					out[i].Date = info.Date
				}
				break
			}
		}
	}
	for j, info := range a.Quotes {
		if info.Speaker.ID != "" && x.ByID[info.Speaker.ID] == nil {
			diags.Add(a.Path, info.Speaker.Line, info.Speaker.Col, "unknown entity id %q as quote speaker", info.Speaker.ID)
		}
		if !used[j] {
			diags.Warn(a.Path, info.Line, 1, "quotes entry %q matches no quote in the text", info.Match)
		}
	}
	for i := range out {
		if out[i].Speaker != "" && x.ByID[out[i].Speaker] == nil {
			out[i].Speaker = ""
		}
		if out[i].Speaker == "" {
			diags.Warn(a.Path, out[i].Line, out[i].Col, "quote %d (%s) has no speaker: name one in the text or in a quotes entry", out[i].N, clip(out[i].Text, 40))
		}
	}
	return out
}

// opens says whether quote begins with the words of match, ignoring case,
// spacing and the kind of apostrophe.
func opens(quote, match string) bool {
	norm := func(s string) string {
		s = strings.NewReplacer("’", "'", "‘", "'", "“", "", "”", "", "\"", "").Replace(s)
		return strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	m := norm(match)
	return m != "" && strings.HasPrefix(norm(quote), m)
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

// sourceOffset maps an offset in the block's text to an offset in the
// Markdown source, for line numbers.
func (b *block) sourceOffset(i int) int {
	r := b.runAt(i)
	if r >= 0 {
		if t, ok := b.runs[r].node.(*ast.Text); ok {
			off := t.Segment.Start + b.runs[r].off
			if !b.runs[r].atomic {
				off += i - b.runs[r].start
			}
			return off
		}
		// A typographer's quotation mark keeps no position: it stands
		// right after the text before it, or opens the block.
		if r == 0 {
			if l := b.node.Lines(); l != nil && l.Len() > 0 {
				return l.At(0).Start
			}
		} else if t, ok := b.runs[r-1].node.(*ast.Text); ok {
			end := t.Segment.Start + b.runs[r-1].off + b.runs[r-1].srcLen
			if end == t.Segment.Stop && (t.SoftLineBreak() || t.HardLineBreak()) {
				end++
			}
			return end
		}
	}
	for k := max(r, 0); k < len(b.runs); k++ {
		if t, ok := b.runs[k].node.(*ast.Text); ok {
			return t.Segment.Start + b.runs[k].off
		}
	}
	if l := b.node.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return 0
}
