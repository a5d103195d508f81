package annotate

import (
	"strings"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/markdown"
)

// A placed mention is one mention of an entity at a place in a block.
type placed struct {
	block      int
	start, end int
	id         string
	explicit   *markdown.Mention
}

// mentions finds every mention in the blocks, in document order, and plans
// a link on the first mention of each entity.
func (x *Index) mentions(a *content.Article, blocks []*block, edits *[]edit) []placed {
	var all []placed
	for bi, b := range blocks {
		var auto []found
		if a.Autolink && !b.heading {
			auto = x.find(b.text, b.noScan)
		}
		exp := explicitSpans(b)
		// Merge the two sorted lists.
		for len(auto) > 0 || len(exp) > 0 {
			if len(exp) == 0 || len(auto) > 0 && auto[0].start < exp[0].start {
				all = append(all, placed{block: bi, start: auto[0].start, end: auto[0].end, id: auto[0].id})
				auto = auto[1:]
			} else {
				all = append(all, exp[0])
				all[len(all)-1].block = bi
				exp = exp[1:]
			}
		}
	}
	linked := map[string]bool{}
	for _, m := range all {
		if linked[m.id] {
			continue
		}
		switch {
		case m.explicit != nil:
			m.explicit.Linked = true
		case blocks[m.block].canWrap(m.start, m.end):
			*edits = append(*edits, edit{block: m.block, start: m.start, end: m.end, id: m.id})
		default:
			continue
		}
		linked[m.id] = true
	}
	return all
}

// explicitSpans returns the [[id]] mentions of a block with their text ranges.
func explicitSpans(b *block) []placed {
	var out []placed
	for _, r := range b.runs {
		if r.mention == nil || r.mention.ID == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].explicit == r.mention {
			out[n-1].end = r.end
			continue
		}
		out = append(out, placed{start: r.start, end: r.end, id: r.mention.ID, explicit: r.mention})
	}
	return out
}

// summarize counts mentions per entity in order of first mention, then adds
// the front matter's entities that the text never names.
func summarize(a *content.Article, blocks []*block, all []placed, x *Index) []Mention {
	var out []Mention
	at := map[string]int{}
	for _, m := range all {
		if i, ok := at[m.id]; ok {
			out[i].Count++
			continue
		}
		at[m.id] = len(out)
		out = append(out, Mention{ID: m.id, Count: 1, Sentence: sentenceAround(string(blocks[m.block].text), m.start)})
	}
	for _, ref := range a.Entities {
		if _, ok := at[ref.ID]; !ok && x.ByID[ref.ID] != nil {
			at[ref.ID] = len(out)
			out = append(out, Mention{ID: ref.ID})
		}
	}
	return out
}

// sentenceAround returns the sentence of text that holds byte offset i.
func sentenceAround(text string, i int) string {
	start, end := 0, len(text)
	for _, b := range sentenceBounds(text) {
		if b <= i {
			start = b
		} else {
			end = b
			break
		}
	}
	return strings.TrimSpace(text[start:end])
}
