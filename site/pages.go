package site

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/bylinehq/byline/site/annotate"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/internal/parallel"
	"github.com/bylinehq/byline/site/markdown"
	"github.com/bylinehq/byline/site/render"
)

// writeLists writes the home page, section pages and tag pages.
func (g *generator) writeLists(ctx context.Context, w *pageWriter, docs []*Doc) {
	type job struct {
		l listGroup
		n int
	}
	var jobs []job
	for _, l := range g.listGroups(docs) {
		for n := 1; n <= l.pages(g.cfg.PageSize); n++ {
			jobs = append(jobs, job{l, n})
		}
	}
	parallel.Do(ctx, len(jobs), func(i int) { w.page(g.listPage(jobs[i].l, jobs[i].n)) })
}

// A listGroup is one paginated list of articles: the home page, a section or a tag.
type listGroup struct {
	base, heading, title string
	docs                 []*Doc
}

func (l listGroup) pages(size int) int { return max(1, (len(l.docs)+size-1)/size) }

// listGroups gathers the lists: the home page, then sections and tags in order.
func (g *generator) listGroups(docs []*Doc) []listGroup {
	groups := []listGroup{{base: "/", heading: g.cfg.Title, docs: docs}}
	bySection := map[string][]*Doc{}
	byTag := map[string][]*Doc{}
	tagNames := map[string]string{}
	for _, d := range docs {
		if d.Section != "" {
			bySection[d.Section] = append(bySection[d.Section], d)
		}
		for _, t := range d.Tags {
			s := tagSlug(t)
			if s == "" {
				continue
			}
			if n := len(byTag[s]); n == 0 || byTag[s][n-1] != d {
				byTag[s] = append(byTag[s], d)
			}
			if _, ok := tagNames[s]; !ok {
				tagNames[s] = t
			}
		}
	}
	for _, s := range sortedKeys(bySection) {
		groups = append(groups, listGroup{"/" + s + "/", sectionName(s), sectionName(s), bySection[s]})
	}
	for _, s := range sortedKeys(byTag) {
		groups = append(groups, listGroup{"/tags/" + s + "/", "Tagged “" + tagNames[s] + "”", "Tag: " + tagNames[s], byTag[s]})
	}
	return groups
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// listPage is page n of a list: its URL (base, base/page/2/, ...) and data.
func (g *generator) listPage(l listGroup, n int) (string, *render.Page) {
	size := g.cfg.PageSize
	pages := l.pages(size)
	pageURL := func(n int) string {
		if n == 1 {
			return l.base
		}
		return fmt.Sprintf("%spage/%d/", l.base, n)
	}
	lv := &render.List{Heading: l.heading, Page: n, Pages: pages}
	for _, d := range l.docs[(n-1)*size : min(n*size, len(l.docs))] {
		lv.Articles = append(lv.Articles, g.summary(d))
	}
	if n > 1 {
		lv.Prev = g.rel(pageURL(n - 1))
	}
	if n < pages {
		lv.Next = g.rel(pageURL(n + 1))
	}
	t := l.title
	if n > 1 {
		t = strings.TrimSpace(fmt.Sprintf("%s page %d", l.title, n))
	}
	return pageURL(n), &render.Page{Kind: "list", Title: t, Description: g.cfg.Description, Type: "website", List: lv}
}

func (g *generator) summary(d *Doc) render.Summary {
	s := render.Summary{Title: d.Title, URL: g.rel(d.URL), Date: d.Date, Authors: d.Authors, Summary: d.Summary, Corrected: len(d.Corrections) > 0}
	if d.Section != "" {
		s.Section = render.Link{Name: sectionName(d.Section), URL: g.rel("/" + d.Section + "/")}
	}
	return s
}

// tagSlug makes a tag a URL segment: lower case, words joined by hyphens.
func tagSlug(t string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(t)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// writeExtras writes the corrections log, feed, sitemap, 404 page, the
// code stylesheet and the static files.
func (g *generator) writeExtras(w *pageWriter, docs []*Doc) {
	w.page("/corrections/", g.correctionsPage(docs))
	w.page("/404.html", g.notFoundPage())
	w.page("/tags/", g.tagsPage(docs))
	w.page("/entities/", g.entitiesPage(docs))
	g.writeFeed(w, docs)
	g.writeSitemap(w, docs)
	w.file("css/syntax.css", markdown.Stylesheet())

	static := staticFiles(g.src, &w.diags)
	for _, p := range sortedKeys(static) {
		w.file(p, static[p])
	}
}

// correctionsPage is the corrections log: every correction, newest first.
func (g *generator) correctionsPage(docs []*Doc) *render.Page {
	var log []render.CorrectionEntry
	for _, d := range docs {
		for _, c := range d.Result.Corrections {
			log = append(log, render.CorrectionEntry{Date: c.Date, Kind: c.Kind, Text: c.Text, N: c.N,
				Article: render.Link{Name: d.Title, URL: g.rel(d.URL)}})
		}
	}
	sort.SliceStable(log, func(i, j int) bool { return log[i].Date.After(log[j].Date) })
	return &render.Page{Kind: "corrections", Title: "Corrections", Description: "Every correction and clarification on " + g.cfg.Title, Type: "website", Corrections: log}
}

func (g *generator) notFoundPage() *render.Page {
	return &render.Page{Kind: "404", Title: "Page not found", Type: "website"}
}

// feed is the Atom feed's entries: the latest articles.
func (g *generator) feed(docs []*Doc) []render.FeedEntry {
	var feed []render.FeedEntry
	for _, d := range docs[:min(len(docs), g.cfg.FeedSize)] {
		feed = append(feed, render.FeedEntry{Title: d.Title, URL: g.abs(d.URL), Published: d.Date, Updated: d.Modified(), Authors: d.Authors, Summary: d.Summary})
	}
	return feed
}

// writeFeed writes feed.xml.
func (g *generator) writeFeed(w *pageWriter, docs []*Doc) {
	var buf bytes.Buffer
	if err := render.Feed(&buf, g.view, g.feed(docs)); err != nil {
		w.diags.Add("feed.xml", 0, 0, "cannot write: %v", err)
	}
	w.file("feed.xml", buf.Bytes())
}

// writeSitemap writes sitemap.xml.
func (g *generator) writeSitemap(w *pageWriter, docs []*Doc) {
	var buf bytes.Buffer
	if err := render.Sitemap(&buf, g.sitemap(docs)); err != nil {
		w.diags.Add("sitemap.xml", 0, 0, "cannot write: %v", err)
	}
	w.file("sitemap.xml", buf.Bytes())
}

func (g *generator) sitemap(docs []*Doc) []render.SitemapURL {
	urls := []render.SitemapURL{{Loc: g.abs("/")}}
	if len(docs) > 0 {
		urls[0].LastMod = docs[0].Modified()
	}
	for _, s := range g.view.Sections {
		urls = append(urls, render.SitemapURL{Loc: g.cfg.BaseURL + strings.TrimPrefix(strings.TrimPrefix(s.URL, g.view.BasePath), "/")})
	}
	for _, d := range docs {
		urls = append(urls, render.SitemapURL{Loc: g.abs(d.URL), LastMod: d.Modified()})
	}
	for _, e := range g.site.Entities {
		urls = append(urls, render.SitemapURL{Loc: g.abs(e.URL())})
	}
	urls = append(urls, render.SitemapURL{Loc: g.abs("/corrections/")}, render.SitemapURL{Loc: g.abs("/tags/")}, render.SitemapURL{Loc: g.abs("/entities/")})
	return urls
}

// entityStats gathers what the site says about each entity.
type entityStats struct {
	articles []render.EntityArticle
	quotes   []render.Quote
	with     map[string]int // co-mentioned entity id -> articles
	months   map[string]int // "2025-03" -> mentions
}

// writeEntities writes every entity's page.
func (g *generator) writeEntities(ctx context.Context, w *pageWriter, docs []*Doc) {
	stats := entityStatsTable{}
	for _, d := range docs {
		g.addStats(d, stats)
	}
	es := g.site.Entities
	parallel.Do(ctx, len(es), func(i int) { w.page(es[i].URL(), g.entityPage(es[i], stats.of(es[i].ID))) })
}

// entityStatsTable holds each entity's stats.
type entityStatsTable map[string]*entityStats

// add returns id's stats, made on first use.
func (t entityStatsTable) add(id string) *entityStats {
	s := t[id]
	if s == nil {
		s = &entityStats{with: map[string]int{}, months: map[string]int{}}
		t[id] = s
	}
	return s
}

// of returns id's stats, empty ones for an entity no article names. It
// never writes, so pages may read the table in parallel.
func (t entityStatsTable) of(id string) *entityStats {
	if s := t[id]; s != nil {
		return s
	}
	return &entityStats{with: map[string]int{}, months: map[string]int{}}
}

// addStats adds what article d says of each entity it names or quotes.
func (g *generator) addStats(d *Doc, stats entityStatsTable) {
	named := []annotate.Mention{}
	for _, m := range d.Result.Mentions {
		if m.Count > 0 {
			named = append(named, m)
		}
	}
	for _, m := range named {
		s := stats.add(m.ID)
		s.articles = append(s.articles, render.EntityArticle{Title: d.Title, URL: g.rel(d.URL), Date: d.Date, Sentence: m.Sentence, Mentions: m.Count})
		s.months[d.Date.Format("2006-01")] += m.Count
		for _, o := range named {
			if o.ID != m.ID {
				s.with[o.ID]++
			}
		}
	}
	for _, q := range d.Result.Quotes {
		if q.Speaker == "" {
			continue
		}
		qv := g.quoteView(0, q.Text, q.Speaker, q.Inferred, q.Source, q.Date, q.Context)
		qv.Speaker = nil
		qv.Article = &render.Link{Name: d.Title, URL: fmt.Sprintf("%s#quote-%d", g.rel(d.URL), q.N)}
		s := stats.add(q.Speaker)
		qv.N = len(s.quotes) + 1
		s.quotes = append(s.quotes, qv)
	}
}

func (g *generator) entityPage(e *content.Entity, s *entityStats) *render.Page {
	v := &render.Entity{
		ID: e.ID, Name: e.Name, Kind: e.Kind, Role: e.Role, Description: g.entityText[e.ID].full,
		Image: e.Image, Links: e.Links, Articles: s.articles, Quotes: s.quotes,
	}
	if e.Wikidata != "" {
		v.Wikidata = "https://www.wikidata.org/wiki/" + e.Wikidata
	}
	for id, n := range s.with {
		o := g.index.ByID[id]
		v.Related = append(v.Related, render.Related{Name: o.Name, URL: g.rel(o.URL()), Articles: n})
	}
	sort.Slice(v.Related, func(i, j int) bool {
		if v.Related[i].Articles != v.Related[j].Articles {
			return v.Related[i].Articles > v.Related[j].Articles
		}
		return v.Related[i].Name < v.Related[j].Name
	})
	v.Related = v.Related[:min(len(v.Related), 8)]
	v.Chart = mentionChart(s.months)
	desc := string(g.entityText[e.ID].short)
	if e.Role != "" {
		desc = e.Role
	}
	return &render.Page{Kind: "entity", Title: e.Name, Description: stripTags(desc), Type: "profile", Entity: v, JSONLD: g.entityJSONLD(e)}
}

// stripTags removes HTML tags, for meta descriptions made from HTML.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tagsPage is /tags/: every tag, by name, with its number of articles.
func (g *generator) tagsPage(docs []*Doc) *render.Page {
	counts, names := map[string]int{}, map[string]string{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range d.Tags {
			if s := tagSlug(t); s != "" && !seen[s] {
				seen[s] = true
				counts[s]++
				if _, ok := names[s]; !ok {
					names[s] = t
				}
			}
		}
	}
	var grp render.TermGroup
	for _, s := range sortedKeys(counts) {
		grp.Terms = append(grp.Terms, render.Term{Name: names[s], URL: g.rel("/tags/" + s + "/"), Articles: counts[s]})
	}
	return &render.Page{Kind: "terms", Title: "Tags", Description: "Every tag on " + g.cfg.Title, Type: "website",
		Terms: &render.Terms{Heading: "Tags", Groups: []render.TermGroup{grp}}}
}

// entitiesPage is /entities/: the knowledge base grouped by kind, each
// entity with its role and the number of articles that name it.
func (g *generator) entitiesPage(docs []*Doc) *render.Page {
	counts := map[string]int{}
	for _, d := range docs {
		for _, m := range d.Result.Mentions {
			if m.Count > 0 {
				counts[m.ID]++
			}
		}
	}
	t := &render.Terms{Heading: "People, organizations and places"}
	for _, kind := range content.Kinds {
		grp := render.TermGroup{Label: kindLabels[kind]}
		for _, e := range g.site.Entities {
			if e.Kind == kind {
				grp.Terms = append(grp.Terms, render.Term{Name: e.Name, URL: g.rel(e.URL()), Note: e.Role, Articles: counts[e.ID]})
			}
		}
		if len(grp.Terms) > 0 {
			t.Groups = append(t.Groups, grp)
		}
	}
	return &render.Page{Kind: "terms", Title: "Entities", Description: "Everyone and everything " + g.cfg.Title + " covers", Type: "website", Terms: t}
}
