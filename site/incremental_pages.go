package site

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/internal/parallel"
	"github.com/bylinehq/byline/site/markdown"
	"github.com/bylinehq/byline/site/render"
)

// generator is a generator for this build, made of the cached parts.
func (b *Incremental) generator() *generator {
	s := &content.Site{Config: b.cfg, Articles: b.arts, ByID: map[string]*content.Entity{}}
	texts := map[string]entityText{}
	for _, en := range b.entityList() {
		s.Entities = append(s.Entities, en.e)
		s.ByID[en.e.ID] = en.e
		texts[en.e.ID] = en.text
	}
	g := &generator{src: b.fsys, site: s, cfg: s.Config, index: b.index, md: b.md, r: b.r, entityText: texts, liveReload: b.liveReload}
	g.view = g.siteView()
	return g
}

// annotate annotates the articles whose source, entities' names or config
// changed, and returns every article's entry in site order.
func (b *Incremental) annotate(ctx context.Context, g *generator, entKeys map[string]uint64) []*articleEntry {
	entries := make([]*articleEntry, len(b.arts))
	var todo []*articleEntry
	for i, a := range b.arts {
		en := b.articles[a.Path]
		entries[i] = en
		if en.doc != nil && en.docEnv == b.docEnv {
			continue // same source, index and config
		}
		if dk := b.docKey(a.Path, en); en.doc == nil || en.docKey != dk {
			en.docKey, en.doc = dk, nil
			todo = append(todo, en)
		}
		en.docEnv = b.docEnv
	}
	parallel.Do(ctx, len(todo), func(i int) {
		en := todo[i]
		d, body, err := g.annotateArticle(en.a)
		en.doc, en.body, en.docDiags = d, body, append(diag.List(nil), d.Result.Diags...)
		en.renderFailed = err != nil
		en.statKeys = b.statKeys(d)
		if err != nil {
			en.docDiags.Add(en.a.Path, 0, 0, "cannot render: %v", err)
		}
	})
	if ctx.Err() != nil {
		return nil // some articles were left unannotated
	}
	// Only the articles naming an entity that changed need new deps.
	changedEnts := map[string]bool{}
	for id, k := range entKeys {
		if b.entKeys[id] != k {
			changedEnts[id] = true
		}
	}
	for id := range b.entKeys {
		if _, ok := entKeys[id]; !ok {
			changedEnts[id] = true
		}
	}
	b.entKeys = entKeys
	for _, en := range entries {
		if en.depsFor == en.docKey && !namesAny(en.doc, changedEnts) {
			continue
		}
		en.depsFor = en.docKey
		h := b.k.start()
		for _, m := range en.doc.Result.Mentions {
			h.add(m.ID, entKeys[m.ID])
		}
		for _, q := range en.doc.Result.Quotes {
			h.add(q.Speaker, entKeys[q.Speaker])
		}
		en.deps = h.sum()
	}
	return entries
}

// namesAny says whether an article names or quotes any of ids.
func namesAny(d *Doc, ids map[string]bool) bool {
	if len(ids) == 0 {
		return false
	}
	for _, m := range d.Result.Mentions {
		if ids[m.ID] {
			return true
		}
	}
	for _, q := range d.Result.Quotes {
		if ids[q.Speaker] {
			return true
		}
	}
	return false
}

func (b *Incremental) articleProducers(g *generator, gk uint64, entries []*articleEntry) []producer {
	ps := make([]producer, len(entries))
	kk := b.kindKeys["article"]
	for i, en := range entries {
		if in := [3]uint64{kk ^ gk, en.docKey, en.deps}; en.pageIn != in || en.pageID == "" {
			en.pageIn, en.pageID, en.pageKey = in, "a"+en.a.URL, b.k.of(kk, gk, en.docKey, en.deps)
		}
		ps[i] = producer{id: en.pageID, key: en.pageKey,
			make: func(w *pageWriter) {
				if !en.renderFailed {
					g.writeArticle(w, en.doc, en.body)
				}
			}}
	}
	return ps
}

// entityProducers keys each entity page by the entity, the names of all
// entities, and what the articles that name or quote it say of it. Each article's part is added
// into a sum kept from build to build, so an edit costs only what the
// edited article names; the sum holds the order of the articles, as each
// part has the article's date and URL.
func (b *Incremental) entityProducers(g *generator, gk uint64, entKeys map[string]uint64, entries []*articleEntry) []producer {
	b.gen++
	for _, en := range entries {
		en.seen = b.gen
		if want := en.docKey; en.contribFor != want || !b.contributors[en] {
			b.uncontribute(en)
			en.contrib = en.statKeys
			for id, sk := range en.statKeys {
				b.entSums[id] += sk
			}
			en.contribFor = want
			b.contributors[en] = true
		}
	}
	for en := range b.contributors {
		if en.seen != b.gen {
			b.uncontribute(en)
		}
	}
	var stats entityStatsTable
	var once sync.Once
	// Only the entities whose pages are made need their stats, gathered
	// from only the articles that name them.
	prepare := func() {
		dirty := map[string]bool{}
		for _, e := range g.site.Entities {
			if b.keys["e"+e.URL()] != b.entityKey(gk, entKeys, e.ID) {
				dirty[e.ID] = true
			}
		}
		stats = entityStatsTable{}
		for _, en := range entries {
			for id := range en.statKeys {
				if dirty[id] {
					g.addStats(en.doc, stats)
					break
				}
			}
		}
	}
	var ps []producer
	for _, e := range g.site.Entities {
		ps = append(ps, producer{id: "e" + e.URL(), key: b.entityKey(gk, entKeys, e.ID),
			make: func(w *pageWriter) {
				once.Do(prepare)
				w.page(e.URL(), g.entityPage(e, stats.of(e.ID)))
			}})
	}
	return ps
}

// uncontribute takes an article's part out of the entity sums.
func (b *Incremental) uncontribute(en *articleEntry) {
	if !b.contributors[en] {
		return
	}
	for id, c := range en.contrib {
		b.entSums[id] -= c
	}
	en.contrib = nil
	delete(b.contributors, en)
}

func (b *Incremental) entityKey(gk uint64, entKeys map[string]uint64, id string) uint64 {
	// Of other entities, the page shows only the names and URLs of those
	// named with it, which are in indexKey.
	return b.k.of(b.kindKeys["entity"], gk, id, entKeys[id], b.indexKey, b.entSums[id])
}

// statKeys sums up what addStats takes from an article for each entity.
func (b *Incremental) statKeys(d *Doc) map[string]uint64 {
	named := b.k.start()
	for _, m := range d.Result.Mentions {
		if m.Count > 0 {
			named.add(m.ID)
		}
	}
	keys := map[string]uint64{}
	for _, id := range statIDs(d) {
		h := b.k.start()
		h.add(d.Path, d.Title, d.URL, d.Date.UnixNano(), named.sum())
		for _, m := range d.Result.Mentions {
			if m.ID == id {
				h.add(m.Count, m.Sentence)
			}
		}
		for _, q := range d.Result.Quotes {
			if q.Speaker == id {
				h.add(q.N, q.Text, q.Inferred, q.Source, q.Date.UnixNano(), q.Context)
			}
		}
		keys[id] = h.sum()
	}
	return keys
}

// statIDs lists the entities an article adds to the stats of: those it
// names and the speakers of its quotes.
func statIDs(d *Doc) []string {
	var ids []string
	for _, m := range d.Result.Mentions {
		if m.Count > 0 {
			ids = append(ids, m.ID)
		}
	}
	for _, q := range d.Result.Quotes {
		if q.Speaker != "" {
			ids = append(ids, q.Speaker)
		}
	}
	return ids
}

// listProducers make the home, section and tag pages. When no article's
// summary moved or changed, they are the last good build's, unchanged.
func (b *Incremental) listProducers(g *generator, gk uint64, entries []*articleEntry) []producer {
	size := g.cfg.PageSize
	all := b.k.start()
	all.add(b.kindKeys["list"], gk, size)
	for _, en := range entries {
		all.add(en.summaryKey)
	}
	b.listsKey = all.sum()
	var ps []producer
	if b.listsKey == b.goodListsKey {
		for _, id := range b.listIDs {
			ps = append(ps, producer{id: id, key: b.keys[id]})
		}
		return ps
	}
	docs := make([]*Doc, len(entries))
	for i, en := range entries {
		docs[i] = en.doc
	}
	for _, l := range g.listGroups(docs) {
		pages := l.pages(size)
		for n := 1; n <= pages; n++ {
			h := b.k.start()
			h.add(b.kindKeys["list"], gk, l.base, l.heading, l.title, n, pages, size)
			for _, d := range l.docs[(n-1)*size : min(n*size, len(l.docs))] {
				h.add(b.articles[d.Path].summaryKey)
			}
			u := l.base
			if n > 1 {
				u = fmt.Sprintf("%spage/%d/", l.base, n)
			}
			ps = append(ps, producer{id: "l" + u, key: h.sum(), make: func(w *pageWriter) { w.page(g.listPage(l, n)) }})
		}
	}
	return ps
}

// extraProducers make the corrections log, 404 page, feed, sitemap, code
// stylesheet and static files, in the order writeExtras writes them.
func (b *Incremental) extraProducers(g *generator, gk uint64, entries []*articleEntry) []producer {
	docs := make([]*Doc, len(entries))
	corr, feed, sitemap := b.k.start(), b.k.start(), b.k.start()
	corr.add(b.kindKeys["corrections"], gk)
	feed.add(gk, g.cfg.FeedSize)
	sitemap.add(gk)
	for i, en := range entries {
		docs[i] = en.doc
		if len(en.doc.Result.Corrections) > 0 {
			corr.add(en.docKey)
		}
		if i < g.cfg.FeedSize {
			feed.add(en.summaryKey)
		}
	}
	sitemap.add(b.listsKey) // every article's summary, in order
	for _, e := range g.site.Entities {
		sitemap.add(e.ID)
	}
	// The index pages' data is their key, so it is made once for both.
	tags, ents := g.tagsPage(docs), g.entitiesPage(docs)
	ps := []producer{
		{"xcorrections", corr.sum(), func(w *pageWriter) { w.page("/corrections/", g.correctionsPage(docs)) }},
		{"x404", b.k.of(b.kindKeys["404"], gk), func(w *pageWriter) { w.page("/404.html", g.notFoundPage()) }},
		{"xtags", b.k.of(b.kindKeys["terms"], gk, pageKey(tags)), func(w *pageWriter) { w.page("/tags/", tags) }},
		{"xentities", b.k.of(b.kindKeys["terms"], gk, pageKey(ents)), func(w *pageWriter) { w.page("/entities/", ents) }},
		{"xfeed", feed.sum(), func(w *pageWriter) { g.writeFeed(w, docs) }},
		{"xsitemap", sitemap.sum(), func(w *pageWriter) { g.writeSitemap(w, docs) }},
		{"xsyntax", 1, func(w *pageWriter) { w.file("css/syntax.css", markdown.Stylesheet()) }},
	}
	return append(ps, b.staticProducers()...)
}

// staticProducers copy static files: the theme's, each replaced by the
// site's file of the same path.
func (b *Incremental) staticProducers() []producer {
	site := map[string][]byte{}
	for _, p := range b.static {
		site[strings.TrimPrefix(p, "static/")] = b.files[p]
	}
	files := overlay(themeStatic(), site)
	var ps []producer
	for _, p := range sortedKeys(files) {
		data := files[p]
		ps = append(ps, producer{id: "s" + p, key: b.k.of(data), make: func(w *pageWriter) { w.file(p, data) }})
	}
	return ps
}

// pageKey sums up a small page's data, for pages whose data is cheaper to
// compute than to track: the tag and entity indexes.
func pageKey(p *render.Page) string {
	b, _ := json.Marshal(p)
	return string(b)
}
