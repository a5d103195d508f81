// Package markdown configures goldmark for byline: GFM, footnotes,
// typographer (with real Unicode quotes, which the quote annotations read),
// heading ids, chroma highlighting with CSS classes, and byline's own
// inline syntax: CriticMarkup changes and [[id]] entity mentions.
//
// Parsing and rendering are separate steps so that the annotate stage can
// work on the syntax tree in between: it adds Mention and QuoteMark nodes and
// numbers Change nodes, and the renderer here turns them into HTML.
package markdown

import (
	"fmt"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Options configure the Markdown converter.
type Options struct {
	RawHTML  bool   // pass raw HTML through; off by default
	BasePath string // path of the site's base URL, such as "/" or "/news/"
}

// New returns the goldmark converter byline uses. It is safe for concurrent use.
func New(opts Options) goldmark.Markdown {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	rendererOpts := []renderer.Option{}
	if opts.RawHTML {
		rendererOpts = append(rendererOpts, ghtml.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
				extension.LeftSingleQuote:  "‘",
				extension.RightSingleQuote: "’",
				extension.LeftDoubleQuote:  "“",
				extension.RightDoubleQuote: "”",
				extension.EnDash:           "–",
				extension.EmDash:           "—",
				extension.Ellipsis:         "…",
				extension.LeftAngleQuote:   "«",
				extension.RightAngleQuote:  "»",
				extension.Apostrophe:       "’",
			})),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			// Before the link parser (200), so [[ is not read as a link.
			parser.WithInlineParsers(
				util.Prioritized(wikilinkParser{}, 150),
				util.Prioritized(criticParser{}, 150),
			),
		),
		goldmark.WithRendererOptions(append(rendererOpts,
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{base: opts.BasePath}, 100)))...),
	)
}

type nodeRenderer struct{ base string }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindChange, r.renderChange)
	reg.Register(KindMention, r.renderMention)
	reg.Register(KindQuoteMark, r.renderQuoteMark)
	reg.Register(KindChangeMark, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			r.changeMark(w, node.(*ChangeMark).Change)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindFencedCodeBlock, renderCode)
	reg.Register(ast.KindCodeBlock, renderCode)
}

func (r *nodeRenderer) renderChange(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Change)
	switch n.ChangeKind {
	case Comment:
		return ast.WalkSkipChildren, nil
	case Highlight:
		if entering {
			w.WriteString("<mark>")
		} else {
			w.WriteString("</mark>")
		}
		return ast.WalkContinue, nil
	case Deletion:
		if entering && !inLink(n) {
			r.changeMark(w, n)
		}
		return ast.WalkSkipChildren, nil
	}
	if entering {
		fmt.Fprintf(w, `<ins class="change" id="change-%d">`, n.N)
	} else {
		w.WriteString("</ins>")
		if !inLink(n) {
			r.changeMark(w, n)
		}
	}
	return ast.WalkContinue, nil
}

// inLink reports whether n is inside a link, where its mark (itself a
// link) cannot go; the link's renderer writes the mark after it instead.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if m, ok := p.(*Mention); ok && m.Linked || p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// marksAfter writes the marks of the changes inside a link, after it.
func (r *nodeRenderer) marksAfter(w util.BufWriter, link ast.Node) {
	ast.Walk(link, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if ch, ok := c.(*Change); ok && entering && ch.IsEdit() {
			r.changeMark(w, ch)
		}
		return ast.WalkContinue, nil
	})
}

func (r *nodeRenderer) changeMark(w util.BufWriter, n *Change) {
	what := "changed"
	switch n.ChangeKind {
	case Deletion:
		what = "removed"
		fmt.Fprintf(w, `<span id="change-%d"></span>`, n.N)
	case Insertion:
		what = "added"
	}
	fmt.Fprintf(w, `<a class="change-mark" href="#correction-%d" title="Text %s after publication: see correction %d" aria-label="Text %s after publication: see correction %d">&#8224;</a>`,
		n.Correction, what, n.Correction, what, n.Correction)
}

func (r *nodeRenderer) renderMention(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Mention)
	if !n.Linked {
		return ast.WalkContinue, nil
	}
	if entering {
		fmt.Fprintf(w, `<a class="entity" href="%sentities/%s/" data-entity="%s">`, r.base, html.EscapeString(n.ID), html.EscapeString(n.ID))
	} else {
		w.WriteString("</a>")
		if !inLink(n) {
			r.marksAfter(w, n)
		}
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderQuoteMark(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*QuoteMark).N
		fmt.Fprintf(w, `<sup class="quote-ref"><a href="#quote-%d" id="quote-ref-%d" aria-label="Quote %d">%d</a></sup>`, n, n, n, n)
	}
	return ast.WalkSkipChildren, nil
}
