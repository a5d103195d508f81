package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	byline "github.com/bylinehq/byline"
	"github.com/bylinehq/byline/site/annotate"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/internal/parallel"
	"github.com/bylinehq/byline/site/markdown"
	"github.com/bylinehq/byline/site/render"
)

// A generator holds what every page of one build needs: the loaded site,
// the entity index, the Markdown converter and the parsed templates.
type generator struct {
	src        fs.FS
	site       *content.Site
	cfg        content.Config
	index      *annotate.Index
	md         goldmark.Markdown
	r          *render.Renderer
	view       *render.Site
	entityText map[string]entityText
	liveReload template.HTML
	// strictLinks makes broken internal links errors, as byline check reports them.
	strictLinks bool
}

// entityText is an entity's description rendered to HTML.
type entityText struct {
	full, short template.HTML
}

// A Doc is one article after annotation.
type Doc struct {
	*content.Article
	Result *annotate.Result
	Links  []link // internal links in the body, for checking
}

type link struct {
	url  string
	line int
}

func newGenerator(ctx context.Context, src fs.FS, drafts bool, baseURL string) (*generator, diag.List) {
	s, diags := content.Load(ctx, src, drafts)
	if baseURL != "" {
		s.Config.BaseURL = content.NormalizeBaseURL(baseURL)
	}
	r, tdiags := render.New(themeFiles(src, &diags), "templates")
	diags = append(diags, tdiags...)
	g := &generator{src: src, site: s, cfg: s.Config, index: annotate.NewIndex(s.Entities)}
	diags = append(diags, g.index.Shared...)
	g.md = markdown.New(markdown.Options{RawHTML: s.Config.RawHTML, BasePath: basePath(s.Config.BaseURL)})
	g.r = r
	g.view = g.siteView()
	g.entityText = map[string]entityText{}
	for _, e := range s.Entities {
		g.entityText[e.ID] = g.describe(e)
	}
	if r == nil {
		return nil, diags
	}
	return g, diags
}

// basePath is the path of a base URL: "/news/" for https://example.org/news/.
func basePath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimRight(u.Path, "/") + "/"
}

// rel turns a root-relative URL such as /articles/x/ into one under the base path.
func (g *generator) rel(u string) string { return g.view.BasePath + strings.TrimPrefix(u, "/") }

// abs turns a root-relative URL into an absolute one.
func (g *generator) abs(u string) string { return g.cfg.BaseURL + strings.TrimPrefix(u, "/") }

// describe renders an entity's Markdown description; its first paragraph
// is the short description of sidebars and hover cards.
func (g *generator) describe(e *content.Entity) entityText {
	doc := g.md.Parser().Parse(text.NewReader(e.Body))
	var full, short bytes.Buffer
	g.md.Renderer().Render(&full, e.Body, doc)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindParagraph {
			g.md.Renderer().Render(&short, e.Body, n)
			break
		}
	}
	s := strings.TrimSpace(short.String())
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<p>"), "</p>")
	return entityText{full: template.HTML(full.String()), short: template.HTML(s)}
}

// generate writes every page to out and returns every problem found.
func (g *generator) generate(ctx context.Context, out Output) diag.List {
	docs, paths, diags := g.articles(ctx, out)
	if ctx.Err() != nil {
		return diags
	}
	w := &pageWriter{g: g, out: out, paths: paths}
	g.writeEntities(ctx, w, docs)
	g.writeLists(ctx, w, docs)
	g.writeExtras(w, docs)
	diags = append(diags, w.diags...)
	diags = append(diags, g.checkLinks(docs, w.written())...)
	return diags
}

// articles parses, annotates, renders and writes every article on all
// cores. Only the annotations are kept; the pages are written at once.
func (g *generator) articles(ctx context.Context, out Output) ([]*Doc, []string, diag.List) {
	docs := make([]*Doc, len(g.site.Articles))
	perDoc := make([]diag.List, len(docs))
	written := make([][]string, len(docs))
	parallel.Do(ctx, len(docs), func(i int) {
		w := &pageWriter{g: g, out: out}
		docs[i] = g.article(w, g.site.Articles[i])
		perDoc[i] = append(docs[i].Result.Diags, w.diags...)
		written[i] = w.paths
	})
	var diags diag.List
	var paths []string
	for i := range docs {
		diags = append(diags, perDoc[i]...)
		paths = append(paths, written[i]...)
	}
	return docs, paths, diags
}

// article annotates and writes one article's page and index.json.
func (g *generator) article(w *pageWriter, a *content.Article) *Doc {
	d, body, err := g.annotateArticle(a)
	if err != nil {
		w.diags.Add(a.Path, 0, 0, "cannot render: %v", err)
		return d
	}
	g.writeArticle(w, d, body)
	return d
}

// annotateArticle parses and annotates an article and renders its body.
func (g *generator) annotateArticle(a *content.Article) (*Doc, template.HTML, error) {
	doc := g.md.Parser().Parse(text.NewReader(a.Body))
	d := &Doc{Article: a, Result: g.index.Annotate(a, doc)}
	d.Links = internalLinks(doc, a.Body)
	var body bytes.Buffer
	body.Grow(2*len(a.Body) + 1024)
	if err := g.md.Renderer().Render(&body, a.Body, doc); err != nil {
		return d, "", err
	}
	return d, template.HTML(body.String()), nil
}

// writeArticle writes an annotated article's page and index.json.
func (g *generator) writeArticle(w *pageWriter, d *Doc, body template.HTML) {
	a := d.Article
	page := g.articlePage(d, body)
	w.page(a.URL, page)
	data, err := json.MarshalIndent(g.articleJSON(d), "", "  ")
	if err != nil {
		w.diags.Add(a.Path, 0, 0, "cannot encode index.json: %v", err)
	}
	w.file(strings.TrimPrefix(a.URL, "/")+"index.json", append(data, '\n'))
}

// internalLinks lists the body's links to other pages of the site.
func internalLinks(doc ast.Node, src []byte) []link {
	var out []link
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			dest := string(l.Destination)
			if strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
				line := 0
				for p := n.Parent(); p != nil && line == 0; p = p.Parent() {
					if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
						line, _ = diag.LineCol(src, p.Lines().At(0).Start)
					}
				}
				out = append(out, link{url: dest, line: line})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// checkLinks reports internal links to pages the build did not write.
func (g *generator) checkLinks(docs []*Doc, written map[string]bool) diag.List {
	var diags diag.List
	bp := g.view.BasePath
	for _, d := range docs {
		for _, l := range d.Links {
			u, err := url.Parse(l.url)
			if err != nil {
				continue
			}
			p := u.Path
			if !strings.HasPrefix(p, bp) {
				g.linkProblem(&diags, d.Path, l.line, "broken link %s: it is outside the site's base path %s", l.url, bp)
				continue
			}
			p = strings.TrimPrefix(p, bp)
			if p == "" || strings.HasSuffix(p, "/") {
				p += "index.html"
			}
			if !written[p] && !written[p+"/index.html"] {
				g.linkProblem(&diags, d.Path, l.line, "broken link %s: no such page", l.url)
			}
		}
	}
	return diags
}

func (g *generator) linkProblem(diags *diag.List, path string, line int, format string, args ...any) {
	if g.strictLinks {
		diags.Add(path, line, 0, format, args...)
	} else {
		diags.Warn(path, line, 0, format, args...)
	}
}

// A pageWriter renders pages to an Output and keeps problems and paths.
type pageWriter struct {
	g     *generator
	out   Output
	diags diag.List
	paths []string
	mu    sync.Mutex
}

// page renders p and writes it as urlPath/index.html (or urlPath itself
// when it names a file, like /404.html).
func (w *pageWriter) page(urlPath string, p *render.Page) {
	p.Site, p.LiveReload = w.g.view, w.g.liveReload
	p.URL = w.g.rel(urlPath)
	p.Permalink = w.g.abs(urlPath)
	page, err := w.g.r.Bytes(p)
	if err != nil {
		w.mu.Lock()
		w.diags = append(w.diags, templateError(p.Kind, err))
		w.mu.Unlock()
		return
	}
	name := strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	w.file(name, page)
}

func (w *pageWriter) file(name string, data []byte) {
	err := w.out.Write(name, data)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		w.diags.Add(name, 0, 0, "cannot write: %v", err)
		return
	}
	w.paths = append(w.paths, name)
}

func (w *pageWriter) written() map[string]bool {
	m := map[string]bool{}
	for _, p := range w.paths {
		m[p] = true
	}
	return m
}

// templateError turns an execution error into a diagnostic naming the template.
func templateError(kind string, err error) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{Path: "templates/" + kind + ".html", Msg: msg}
	if rest, ok := strings.CutPrefix(msg, "template: "); ok {
		if name, tail, ok := strings.Cut(rest, ":"); ok {
			d.Path = "templates/" + name
			var line int
			if n, _ := fmt.Sscanf(tail, "%d", &line); n == 1 {
				d.Line = line
				_, d.Msg, _ = strings.Cut(tail, ": ")
			}
		}
	}
	return d
}

func (g *generator) siteView() *render.Site {
	v := &render.Site{
		Title: g.cfg.Title, Description: g.cfg.Description, BaseURL: g.cfg.BaseURL,
		BasePath: basePath(g.cfg.BaseURL), Language: g.cfg.Language, Params: g.cfg.Params,
		Generator: "byline " + byline.Version,
	}
	seen := map[string]bool{}
	var secs []string
	for _, a := range g.site.Articles {
		if a.Section != "" && !seen[a.Section] {
			seen[a.Section] = true
			secs = append(secs, a.Section)
		}
	}
	sort.Strings(secs)
	for _, s := range secs {
		v.Sections = append(v.Sections, render.Link{Name: sectionName(s), URL: v.BasePath + s + "/"})
	}
	return v
}

func sectionName(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
