package site

// This file reads the site's files into the Incremental builder's state,
// re-reading only those that changed.

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/bylinehq/byline/site/annotate"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
	"github.com/bylinehq/byline/site/render"
)

// load parses what changed: config, templates, entities and articles.
func (b *Incremental) load() diag.List {
	// The diagnostics go in the order Generate finds them, as sorting
	// keeps the order of those at the same position.
	var diags, entDiags, artDiags, urlDiags diag.List
	b.loadConfig()
	diags = append(diags, b.cfgDiags...)
	for _, f := range sortedKeys(b.readErrs) {
		diags.Add(f, 0, 0, "cannot read: %v", b.readErrs[f])
	}
	b.loadTemplates()
	b.loadStatic()
	b.loadEntities(&entDiags)
	b.loadArticles(&artDiags)
	b.arts = b.siteArticles(&urlDiags)
	diags = append(diags, artDiags...)
	diags = append(diags, entDiags...)
	diags = append(diags, urlDiags...)
	diags = append(diags, b.tmplDiags...)
	return append(diags, b.index.Shared...)
}

func (b *Incremental) loadConfig() {
	src, ok := b.files[content.ConfigFile]
	key := b.k.of(ok, src, b.baseURL)
	if key == b.cfgKey && b.md != nil {
		return
	}
	b.cfgKey, b.cfgDiags = key, nil
	var cfgSrc []byte
	if ok {
		cfgSrc = src
	}
	b.cfg = content.ParseConfig(cfgSrc, &b.cfgDiags)
	if b.baseURL != "" {
		b.cfg.BaseURL = content.NormalizeBaseURL(b.baseURL)
	}
	b.md = markdown.New(markdown.Options{RawHTML: b.cfg.RawHTML, BasePath: basePath(b.cfg.BaseURL)})
}

// loadTemplates parses the theme when a template changed. Every page uses
// base.html and the partials, and the file of its kind.
func (b *Incremental) loadTemplates() {
	if b.kindKeys != nil && !b.touchedUnder("templates/") {
		return
	}
	files := map[string]string{}
	for name, src := range themeTemplates() {
		if path.Dir(name) == "." && strings.HasSuffix(name, ".html") {
			files[name] = string(src)
		}
	}
	for p, src := range b.files {
		if dir, name := path.Split(p); dir == "templates/" && strings.HasSuffix(name, ".html") {
			files[name] = string(src)
		}
	}
	names := sortedKeys(files)
	key := b.k.of(names, files)
	if key == b.tmplKey && b.kindKeys != nil {
		return
	}
	b.tmplKey, b.tmplDiags = key, nil
	b.r, b.tmplDiags = render.New(files, "templates")
	b.kindKeys = map[string]uint64{}
	for _, kind := range render.PageKinds {
		h := b.k.start()
		for _, n := range names {
			if n == "base.html" || n == kind+".html" || strings.HasPrefix(n, "_") {
				h.add(n, files[n])
			}
		}
		b.kindKeys[kind] = h.sum()
	}
}

// loadStatic lists the site's static files when one came or went. Like
// everything that depends on what was touched, it runs in every update,
// even one that fails, as the next update sees only its own changes.
func (b *Incremental) loadStatic() {
	if b.static != nil && !b.touchedUnder("static/") {
		return
	}
	b.static = []string{}
	for p := range b.files {
		if rel, ok := strings.CutPrefix(p, "static/"); ok {
			if i := strings.LastIndex(rel, "/"); !strings.HasPrefix(rel[i+1:], ".") {
				b.static = append(b.static, p)
			}
		}
	}
}

func (b *Incremental) touchedUnder(dir string) bool {
	for p := range b.touched {
		if strings.HasPrefix(p, dir) {
			return true
		}
	}
	return false
}

// markdownName says whether a file name is one Load reads.
func markdownName(name string) bool {
	return strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}

func (b *Incremental) loadEntities(diags *diag.List) {
	for p := range b.touched {
		dir, name := path.Split(p)
		if dir != content.EntitiesDir+"/" || !markdownName(name) {
			continue
		}
		src, ok := b.files[p]
		if !ok {
			delete(b.entities, p)
			continue
		}
		if en := b.entities[p]; en == nil || en.srcKey != b.fileKeys[p] {
			en = &entityEntry{srcKey: b.fileKeys[p]}
			en.e = content.ParseEntity(p, strings.TrimSuffix(name, ".md"), src, &en.diags)
			b.entities[p] = en
		}
	}
	for _, en := range b.entities {
		if tk := b.k.of(b.cfgKey, en.srcKey); en.e != nil && en.textKey != tk {
			en.text, en.textKey = (&generator{md: b.md}).describe(en.e), tk
		}
	}
	if b.entList == nil || b.touchedUnder(content.EntitiesDir+"/") {
		b.entList = b.entList[:0]
		for _, p := range sortedKeys(b.entities) {
			if en := b.entities[p]; en.e != nil {
				b.entList = append(b.entList, en)
			}
		}
	}
	set, idx := b.k.start(), b.k.start()
	for _, en := range b.entityList() {
		e := en.e
		set.add(e.Path, en.srcKey)
		idx.add(e.ID, e.Name, e.Kind, e.Aliases)
	}
	for _, p := range sortedKeys(b.entities) {
		*diags = append(*diags, b.entities[p].diags...)
	}
	if key := set.sum(); key != b.entSetKey || b.index == nil {
		b.entSetKey = key
		if b.index != nil && idx.sum() == b.indexKey && len(b.index.Shared) == 0 {
			// The same ids, names, aliases and kinds: the matcher stands,
			// only the entities it points to are new.
			for _, en := range b.entList {
				b.index.ByID[en.e.ID] = en.e
			}
		} else {
			b.index = annotate.NewIndex(b.entitySlice())
		}
	}
	b.indexKey = idx.sum()
}

// entityList is the parsed entities in the order Load gives them.
func (b *Incremental) entityList() []*entityEntry { return b.entList }

func (b *Incremental) entitySlice() []*content.Entity {
	var out []*content.Entity
	for _, en := range b.entityList() {
		out = append(out, en.e)
	}
	return out
}

// articleFile says whether p is an article Load reads: a Markdown file
// under content/articles in no hidden folder.
func articleFile(p string) bool {
	rel, ok := strings.CutPrefix(p, content.ArticlesDir+"/")
	if !ok {
		return false
	}
	parts := strings.Split(rel, "/")
	for _, d := range parts[:len(parts)-1] {
		if strings.HasPrefix(d, ".") {
			return false
		}
	}
	return markdownName(parts[len(parts)-1])
}

func (b *Incremental) loadArticles(diags *diag.List) {
	for p := range b.touched {
		if !articleFile(p) {
			continue
		}
		if _, ok := b.files[p]; !ok {
			delete(b.articles, p)
			continue
		}
		if en := b.articles[p]; en == nil || en.srcKey != b.fileKeys[p] {
			en = &articleEntry{srcKey: b.fileKeys[p]}
			b.parseArticle(p, en)
			b.articles[p] = en
		}
	}
	var bad []string
	env := b.k.of(b.indexKey, b.cfgKey)
	b.reparsed = false
	for p, en := range b.articles {
		if env != b.docEnv && en.a != nil && en.doc != nil && en.docKey != b.docKey(p, en) {
			b.reparsed = true
			// Annotation may edit what parsing made; start again from the source.
			var scratch diag.List
			en.a = content.ParseArticle(p, strings.TrimPrefix(p, content.ArticlesDir+"/"), b.files[p], &scratch)
			en.doc = nil
		}
		if len(en.diags) > 0 {
			bad = append(bad, p)
		}
	}
	b.docEnv = env
	sort.Strings(bad)
	for _, p := range bad {
		*diags = append(*diags, b.articles[p].diags...)
	}
}

func (b *Incremental) parseArticle(p string, en *articleEntry) {
	a := content.ParseArticle(p, strings.TrimPrefix(p, content.ArticlesDir+"/"), b.files[p], &en.diags)
	en.a = a
	if a == nil {
		return
	}
	en.summaryKey = b.k.of(a.Path, a.Title, a.URL, a.Date.UnixNano(), a.Modified().UnixNano(), a.Authors, a.Summary, len(a.Corrections) > 0, a.Section, a.Tags)
}

func (b *Incremental) docKey(p string, en *articleEntry) uint64 {
	return b.k.of(p, en.srcKey, b.indexKey, b.cfgKey)
}

// siteArticles is the articles of the build, sorted, with their URL problems.
// After an edit of a few articles, only those move.
func (b *Incremental) siteArticles(diags *diag.List) []*content.Article {
	var touched []string
	for p := range b.touched {
		if articleFile(p) {
			touched = append(touched, p)
		}
	}
	as := b.arts
	switch {
	case b.reparsed || as == nil || len(touched) > 16:
		as = nil
		for _, en := range b.articles {
			if b.included(en) {
				as = append(as, en.a)
			}
		}
		sort.Slice(as, func(i, j int) bool { return articleLess(as[i], as[j]) })
	case len(touched) > 0:
		as = slices.DeleteFunc(slices.Clone(as), func(a *content.Article) bool { return slices.Contains(touched, a.Path) })
		for _, p := range touched {
			if en := b.articles[p]; en != nil && b.included(en) {
				i, _ := slices.BinarySearchFunc(as, en.a, func(x, y *content.Article) int {
					if articleLess(x, y) {
						return -1
					}
					return 1
				})
				as = slices.Insert(as, i, en.a)
			}
		}
	}
	if len(touched) > 0 || b.reparsed || b.urlDiags == nil {
		b.urlDiags = append(diag.List{}, content.CheckURLs(as)...)
	}
	*diags = append(*diags, b.urlDiags...)
	return as
}

func (b *Incremental) included(en *articleEntry) bool {
	return en.a != nil && (b.drafts || !en.a.Draft)
}

// articleLess is the order of Load: newest first, then by URL, then by path.
func articleLess(x, y *content.Article) bool {
	if !x.Date.Equal(y.Date) {
		return x.Date.After(y.Date)
	}
	if x.URL != y.URL {
		return x.URL < y.URL
	}
	return x.Path < y.Path
}
