package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	byline "github.com/bylinehq/byline"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
	"github.com/bylinehq/byline/site/render"
)

// A producer makes some output files from inputs summed up in its key:
// one article, one entity, one list page, the feed, a static file.
type producer struct {
	id   string
	key  uint64
	make func(w *pageWriter)
}

// An outFile is one file a producer made.
type outFile struct {
	path string
	data []byte
}

// fileList is the Output of one producer.
type fileList struct{ files []outFile }

func (l *fileList) Write(p string, data []byte) error {
	l.files = append(l.files, outFile{p, data})
	return nil
}

// generate renders what changed and puts the site together.
func (b *Incremental) generate(ctx context.Context, diags diag.List) Rebuild {
	g := b.generator()
	entKeys := map[string]uint64{}
	for _, en := range b.entityList() {
		entKeys[en.e.ID] = b.k.of(b.cfgKey, en.srcKey)
	}
	global := b.k.start()
	global.add(b.cfgKey, string(b.liveReload), b.drafts)
	for _, s := range g.view.Sections {
		global.add(s.Name, s.URL)
	}
	gk := global.sum()

	entries := b.annotate(ctx, g, entKeys)
	docs := make([]*Doc, len(entries))
	for i, en := range entries {
		docs[i] = en.doc
		diags = append(diags, en.docDiags...)
	}
	var ps []producer
	ps = append(ps, b.articleProducers(g, gk, entries)...)
	ps = append(ps, b.entityProducers(g, gk, entKeys, entries)...)
	ps = append(ps, b.listProducers(g, gk, docs)...)
	ps = append(ps, b.extraProducers(g, gk, entries)...)

	made, pdiags := b.run(g, ps)
	diags = append(diags, pdiags...)
	if ctx.Err() != nil {
		return Rebuild{Site: b.out, Diags: diags.Sort()}
	}
	out := make(map[string][]byte, len(b.out))
	keys := make(map[string]uint64, len(ps))
	produced := make(map[string][]outFile, len(ps))
	for i, p := range ps {
		files := made[i]
		if files == nil {
			files = b.produced[p.id]
		}
		for _, f := range files {
			out[f.path] = f.data
		}
		keys[p.id], produced[p.id] = p.key, files
	}
	written := make(map[string]bool, len(out))
	for p := range out {
		written[p] = true
	}
	diags = append(diags, g.checkLinks(docs, written)...)
	diags = diags.Sort()
	if diags.Err() != nil {
		return Rebuild{Site: b.out, Diags: diags}
	}
	changed := changedFiles(b.out, out)
	b.out, b.keys, b.produced = out, keys, produced
	return Rebuild{Site: out, Changed: changed, Diags: diags}
}

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
		if dk := b.docKey(a.Path, en); en.doc == nil || en.docKey != dk {
			en.docKey, en.doc = dk, nil
			todo = append(todo, en)
		}
	}
	parallel(ctx, len(todo), func(i int) {
		en := todo[i]
		d, body, err := g.annotateArticle(en.a)
		en.doc, en.body, en.docDiags = d, body, append(diag.List(nil), d.Result.Diags...)
		en.renderFailed = err != nil
		if err != nil {
			en.docDiags.Add(en.a.Path, 0, 0, "cannot render: %v", err)
		}
	})
	for _, en := range entries {
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

func (b *Incremental) articleProducers(g *generator, gk uint64, entries []*articleEntry) []producer {
	ps := make([]producer, len(entries))
	for i, en := range entries {
		ps[i] = producer{id: "a" + en.a.URL, key: b.k.of(b.kindKeys["article"], gk, en.docKey, en.deps),
			make: func(w *pageWriter) {
				if !en.renderFailed {
					g.writeArticle(w, en.doc, en.body)
				}
			}}
	}
	return ps
}

// entityProducers keys each entity page by the entity and, in site order,
// every article that names it or quotes it.
func (b *Incremental) entityProducers(g *generator, gk uint64, entKeys map[string]uint64, entries []*articleEntry) []producer {
	rel := map[string]*hasher{}
	docsOf := map[string][]int{}
	for i, en := range entries {
		for _, id := range statIDs(en.doc) {
			if rel[id] == nil {
				rel[id] = b.k.start()
			}
			rel[id].add(en.docKey, en.deps)
			docsOf[id] = append(docsOf[id], i)
		}
	}
	var stats map[string]*entityStats
	var once sync.Once
	// Only the entities whose pages are made need their stats, gathered
	// from only the articles that name them.
	prepare := func() {
		want := map[int]bool{}
		for _, e := range g.site.Entities {
			if b.keys["e"+e.URL()] != b.entityKey(gk, entKeys, e.ID, rel) {
				for _, i := range docsOf[e.ID] {
					want[i] = true
				}
			}
		}
		stats = map[string]*entityStats{}
		get := func(id string) *entityStats {
			s := stats[id]
			if s == nil {
				s = &entityStats{with: map[string]int{}, months: map[string]int{}}
				stats[id] = s
			}
			return s
		}
		for i, en := range entries {
			if want[i] {
				g.addStats(en.doc, get)
			}
		}
	}
	var ps []producer
	for _, e := range g.site.Entities {
		ps = append(ps, producer{id: "e" + e.URL(), key: b.entityKey(gk, entKeys, e.ID, rel),
			make: func(w *pageWriter) {
				once.Do(prepare)
				s := stats[e.ID]
				if s == nil {
					s = &entityStats{with: map[string]int{}, months: map[string]int{}}
				}
				w.page(e.URL(), g.entityPage(e, s))
			}})
	}
	return ps
}

func (b *Incremental) entityKey(gk uint64, entKeys map[string]uint64, id string, rel map[string]*hasher) uint64 {
	var r uint64
	if h := rel[id]; h != nil {
		r = h.sum()
	}
	return b.k.of(b.kindKeys["entity"], gk, id, entKeys[id], r)
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

func (b *Incremental) listProducers(g *generator, gk uint64, docs []*Doc) []producer {
	var ps []producer
	size := g.cfg.PageSize
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
		sitemap.add(en.summaryKey)
	}
	for _, e := range g.site.Entities {
		sitemap.add(e.ID)
	}
	ps := []producer{
		{"xcorrections", corr.sum(), func(w *pageWriter) { w.page("/corrections/", g.correctionsPage(docs)) }},
		{"x404", b.k.of(b.kindKeys["404"], gk), func(w *pageWriter) { w.page("/404.html", g.notFoundPage()) }},
		{"xfeed", feed.sum(), func(w *pageWriter) {
			var buf bytes.Buffer
			if err := render.Feed(&buf, g.view, g.feed(docs)); err != nil {
				w.diags.Add("feed.xml", 0, 0, "cannot write: %v", err)
			}
			w.file("feed.xml", buf.Bytes())
		}},
		{"xsitemap", sitemap.sum(), func(w *pageWriter) {
			var buf bytes.Buffer
			if err := render.Sitemap(&buf, g.sitemap(docs)); err != nil {
				w.diags.Add("sitemap.xml", 0, 0, "cannot write: %v", err)
			}
			w.file("sitemap.xml", buf.Bytes())
		}},
		{"xsyntax", 1, func(w *pageWriter) { w.file("css/syntax.css", markdown.Stylesheet()) }},
	}
	return append(ps, b.staticProducers()...)
}

// staticProducers copy static files: the theme's, each replaced by the
// site's file of the same path.
func (b *Incremental) staticProducers() []producer {
	files := map[string][]byte{}
	fs.WalkDir(byline.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			files[strings.TrimPrefix(p, "static/")], _ = fs.ReadFile(byline.Theme, p)
		}
		return nil
	})
	for p, src := range b.files {
		if rel, ok := strings.CutPrefix(p, "static/"); ok {
			if i := strings.LastIndex(rel, "/"); !strings.HasPrefix(rel[i+1:], ".") {
				files[rel] = src
			}
		}
	}
	var ps []producer
	for _, p := range sortedKeys(files) {
		data := files[p]
		ps = append(ps, producer{id: "s" + p, key: b.k.of(data), make: func(w *pageWriter) { w.file(p, data) }})
	}
	return ps
}

// run makes the files of every producer whose key changed, on all cores.
// made[i] is nil for a producer whose files are unchanged.
func (b *Incremental) run(g *generator, ps []producer) ([][]outFile, diag.List) {
	var todo []int
	for i, p := range ps {
		if k, ok := b.keys[p.id]; !ok || k != p.key {
			todo = append(todo, i)
		}
	}
	made := make([][]outFile, len(ps))
	perJob := make([]diag.List, len(todo))
	parallel(context.Background(), len(todo), func(j int) {
		i := todo[j]
		var l fileList
		w := &pageWriter{g: g, out: &l}
		ps[i].make(w)
		made[i], perJob[j] = l.files, w.diags
		if made[i] == nil {
			made[i] = []outFile{}
		}
	})
	var diags diag.List
	for _, l := range perJob {
		diags = append(diags, l...)
	}
	return made, diags
}

// changedFiles lists the paths added, changed or removed from old to new.
func changedFiles(old, new map[string][]byte) []string {
	var changed []string
	for p, data := range new {
		if prev, ok := old[p]; !ok || !sameBytes(prev, data) {
			changed = append(changed, p)
		}
	}
	for p := range old {
		if _, ok := new[p]; !ok {
			changed = append(changed, p)
		}
	}
	sort.Strings(changed)
	return changed
}

func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b))
}

// parallel calls fn(i) for i in [0, n) on all cores.
func parallel(ctx context.Context, n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}
