// Package annotate is the stage between loading and rendering: it reads an
// article's Markdown syntax tree and finds its entity mentions, direct
// quotes and their speakers, and CriticMarkup changes, and edits the tree so
// that the renderer links first mentions and numbers quotes. Everything it
// finds is returned as data for the sidebar, Quotes section, corrections box
// and index.json.
package annotate

import (
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
)

// Result is what annotate found in one article.
type Result struct {
	Mentions    []Mention    // one per entity, in order of first mention
	Quotes      []Quote      // in order of appearance
	Corrections []Correction // the article's corrections, with their changes
	Diags       diag.List
}

// A Mention counts one entity's mentions in an article.
type Mention struct {
	ID       string
	Count    int    // 0 for an entity listed in front matter but never named
	Sentence string // the sentence of the first mention
}

// A Quote is one direct quote.
type Quote struct {
	N        int
	Text     string // what readers see, after corrections
	Speaker  string // entity id, or "" when unattributed
	Inferred bool   // the text, not front matter, named the speaker
	Source   string
	Date     time.Time // from its quotes entry, else the article's date
	Context  string
	Line     int // position of the opening quotation mark
	Col      int
}

// A Correction is a front-matter correction with the inline changes that belong to it.
type Correction struct {
	N int
	content.Correction
	Changes []Change
}

// A Change is one inline edit made after publication.
type Change struct {
	N    int
	Kind string // "substitution", "deletion" or "insertion"
	Old  string
	New  string
}

// Annotate annotates an article whose body was parsed into doc. It edits
// doc in place; the result's Diags hold every problem found.
func (x *Index) Annotate(a *content.Article, doc ast.Node) *Result {
	r := &Result{}
	src := a.Body
	pos := func(off int) (int, int) { return diag.LineCol(src, off) }

	changes, explicit := x.collect(doc, src, a.Path, pos, &r.Diags)
	blocks := flatten(doc, src)
	var edits []edit
	mentions := x.mentions(a, blocks, &edits)
	quotes := findQuotes(blocks, &edits)
	r.Quotes = x.attribute(a, quotes, blocks, mentions, pos, &r.Diags)
	r.Mentions = summarize(a, blocks, mentions, x)
	for _, ref := range a.Entities {
		if _, ok := x.ByID[ref.ID]; !ok {
			r.Diags.Add(a.Path, ref.Line, ref.Col, "unknown entity id %q in entities", ref.ID)
		}
	}
	_ = explicit
	r.Corrections = correct(a, changes, pos, &r.Diags)
	applyEdits(blocks, edits)
	return r
}

// collect numbers the changes, checks explicit mentions and gives each one
// without shown text the entity's name.
func (x *Index) collect(doc ast.Node, src []byte, path string, pos func(int) (int, int), diags *diag.List) ([]*markdown.Change, []*markdown.Mention) {
	var changes []*markdown.Change
	var mentions []*markdown.Mention
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *markdown.Change:
			if n.IsEdit() {
				changes = append(changes, n)
				n.N = len(changes)
				markAfterLink(n)
			}
		case *markdown.Mention:
			e, ok := x.ByID[n.ID]
			if !ok {
				line, col := pos(n.Start)
				diags.Add(path, line, col, "unknown entity id %q in [[%s]]", n.ID, n.ID)
				n.AppendChild(n, ast.NewString([]byte(n.ID)))
				n.ID = ""
				return ast.WalkSkipChildren, nil
			}
			if n.FirstChild() == nil {
				n.AppendChild(n, ast.NewString([]byte(e.Name)))
			}
			mentions = append(mentions, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return changes, mentions
}

// markAfterLink puts the mark of a change made inside a Markdown link
// after the link.
func markAfterLink(n *markdown.Change) {
	var link ast.Node
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			link = p
		}
	}
	if link != nil {
		link.Parent().InsertAfter(link.Parent(), link, &markdown.ChangeMark{Change: n})
	}
}
