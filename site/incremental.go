package site

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark"

	byline "github.com/bylinehq/byline"
	"github.com/bylinehq/byline/site/annotate"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
	"github.com/bylinehq/byline/site/render"
)

// An Incremental builds a site into memory again and again, as byline
// serve does, keeping what each build found so that the next one redoes
// only what the changed files touch. Every file it makes is tagged with a
// key: a hash of everything that went into it (the article's source, the
// entities it names, the templates of its kind, the site-wide settings).
// A file whose key did not change is taken from the previous build, so the
// result is always byte-identical to a clean Generate of the same files.
//
// An Incremental is not safe for concurrent use; the maps it returns are
// never modified afterwards and may be shared freely.
type Incremental struct {
	fsys       fs.FS
	drafts     bool
	baseURL    string
	liveReload template.HTML
	k          keys

	files    map[string][]byte // source files by slash path
	readErrs map[string]error

	cfgKey   uint64
	cfg      content.Config
	cfgDiags diag.List
	md       goldmark.Markdown

	tmplKey   uint64
	r         *render.Renderer
	tmplDiags diag.List
	kindKeys  map[string]uint64

	entities  map[string]*entityEntry // by path
	entSetKey uint64
	index     *annotate.Index
	indexKey  uint64 // what annotation reads of the entities

	articles map[string]*articleEntry // by path
	arts     []*content.Article       // this build's articles, sorted

	// The last good build.
	out      map[string][]byte
	keys     map[string]uint64    // producer id -> key it was made with
	produced map[string][]outFile // producer id -> the files it made
}

type entityEntry struct {
	srcKey  uint64
	e       *content.Entity
	diags   diag.List
	text    entityText
	textKey uint64
}

type articleEntry struct {
	srcKey     uint64
	a          *content.Article
	diags      diag.List // from parsing
	summaryKey uint64    // what lists, feeds and sitemaps show of it

	docKey       uint64 // source, index and config the doc was made from
	doc          *Doc
	body         template.HTML
	docDiags     diag.List
	renderFailed bool
	deps         uint64 // keys of the entities the article names
}

// A Rebuild is the outcome of one Incremental update.
type Rebuild struct {
	// Site maps each output path to its content: the new site, or the last
	// good one when this build failed.
	Site map[string][]byte
	// Changed lists the output paths added, changed or removed, sorted.
	Changed []string
	// Diags holds every error and warning, sorted.
	Diags diag.List
}

// NewIncremental returns an Incremental for the site in fsys; the
// arguments are those of Generate.
func NewIncremental(fsys fs.FS, drafts bool, baseURL string, liveReload template.HTML) *Incremental {
	return &Incremental{
		fsys: fsys, drafts: drafts, baseURL: baseURL, liveReload: liveReload, k: newKeys(),
		entities: map[string]*entityEntry{}, articles: map[string]*articleEntry{},
		out: map[string][]byte{}, keys: map[string]uint64{}, produced: map[string][]outFile{},
	}
}

// sourceRoots are the files and folders a build reads.
var sourceRoots = []string{content.ConfigFile, "content", "templates", "static"}

// Update reads again the given slash paths, relative to the site root
// (files or folders, present or deleted), and builds the site; nil means
// read everything. It returns the whole site, what changed, and every
// problem found. When the build has errors, the last good site is kept.
func (b *Incremental) Update(ctx context.Context, changed []string) Rebuild {
	if b.files == nil || changed == nil {
		b.files, b.readErrs = map[string][]byte{}, map[string]error{}
		changed = sourceRoots
	}
	for _, p := range changed {
		b.refresh(path.Clean(p))
	}
	diags := b.load()
	if b.r == nil || diags.Err() != nil || ctx.Err() != nil {
		return Rebuild{Site: b.out, Diags: diags.Sort()}
	}
	return b.generate(ctx, diags)
}

// refresh forgets p and everything under it, then reads it again.
func (b *Incremental) refresh(p string) {
	tracked := false
	for _, r := range sourceRoots {
		tracked = tracked || p == r || strings.HasPrefix(p, r+"/")
	}
	if !tracked {
		return
	}
	for f := range b.files {
		if f == p || strings.HasPrefix(f, p+"/") {
			delete(b.files, f)
		}
	}
	for f := range b.readErrs {
		if f == p || strings.HasPrefix(f, p+"/") {
			delete(b.readErrs, f)
		}
	}
	fs.WalkDir(b.fsys, p, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				b.readErrs[f] = err
			}
			return nil
		}
		if !d.IsDir() {
			if src, err := fs.ReadFile(b.fsys, f); err != nil {
				b.readErrs[f] = err
			} else {
				b.files[f] = src
			}
		}
		return nil
	})
}

// load parses what changed: config, templates, entities and articles.
func (b *Incremental) load() diag.List {
	var diags diag.List
	b.loadConfig()
	diags = append(diags, b.cfgDiags...)
	for f, err := range b.readErrs {
		diags.Add(f, 0, 0, "cannot read: %v", err)
	}
	b.loadTemplates()
	diags = append(diags, b.tmplDiags...)
	b.loadEntities(&diags)
	b.loadArticles(&diags)
	b.arts = b.siteArticles(&diags)
	return diags
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
	files := map[string]string{}
	if entries, err := fs.ReadDir(byline.Theme, "templates"); err == nil {
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				src, _ := fs.ReadFile(byline.Theme, "templates/"+e.Name())
				files[e.Name()] = string(src)
			}
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

// markdownName says whether a file name is one Load reads.
func markdownName(name string) bool {
	return strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}

func (b *Incremental) loadEntities(diags *diag.List) {
	seen := map[string]bool{}
	for p, src := range b.files {
		dir, name := path.Split(p)
		if dir != content.EntitiesDir+"/" || !markdownName(name) {
			continue
		}
		seen[p] = true
		key := b.k.of(src)
		en := b.entities[p]
		if en == nil || en.srcKey != key {
			en = &entityEntry{srcKey: key}
			en.e = content.ParseEntity(p, strings.TrimSuffix(name, ".md"), src, &en.diags)
			b.entities[p] = en
		}
		if tk := b.k.of(b.cfgKey, key); en.e != nil && en.textKey != tk {
			en.text, en.textKey = (&generator{md: b.md}).describe(en.e), tk
		}
	}
	for p := range b.entities {
		if !seen[p] {
			delete(b.entities, p)
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
		b.index = annotate.NewIndex(b.entitySlice())
	}
	b.indexKey = idx.sum()
	*diags = append(*diags, b.index.Shared...)
}

// entityList is the parsed entities in the order Load gives them.
func (b *Incremental) entityList() []*entityEntry {
	var out []*entityEntry
	for _, p := range sortedKeys(b.entities) {
		if en := b.entities[p]; en.e != nil {
			out = append(out, en)
		}
	}
	return out
}

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
	seen := map[string]bool{}
	for p, src := range b.files {
		if !articleFile(p) {
			continue
		}
		seen[p] = true
		key := b.k.of(src)
		en := b.articles[p]
		if en == nil || en.srcKey != key {
			en = &articleEntry{srcKey: key}
			b.parseArticle(p, en)
			b.articles[p] = en
		}
		if en.a != nil && en.docKey != b.docKey(p, en) && en.doc != nil {
			// Annotation may edit what parsing made; start again from the source.
			var scratch diag.List
			en.a = content.ParseArticle(p, strings.TrimPrefix(p, content.ArticlesDir+"/"), b.files[p], &scratch)
			en.doc = nil
		}
	}
	for p := range b.articles {
		if !seen[p] {
			delete(b.articles, p)
		}
	}
	for _, p := range sortedKeys(b.articles) {
		*diags = append(*diags, b.articles[p].diags...)
	}
}

func (b *Incremental) parseArticle(p string, en *articleEntry) {
	a := content.ParseArticle(p, strings.TrimPrefix(p, content.ArticlesDir+"/"), b.files[p], &en.diags)
	en.a = a
	if a == nil {
		return
	}
	en.summaryKey = b.k.of(a.Path, a.Title, a.URL, a.Date.UnixNano(), a.Modified().UnixNano(), a.Authors, a.Summary, len(a.Corrections) > 0, a.Section)
}

func (b *Incremental) docKey(p string, en *articleEntry) uint64 {
	return b.k.of(p, en.srcKey, b.indexKey, b.cfgKey)
}

// siteArticles is the articles of the build, sorted, with their URL problems.
func (b *Incremental) siteArticles(diags *diag.List) []*content.Article {
	var as []*content.Article
	for _, en := range b.articles {
		if en.a != nil && (b.drafts || !en.a.Draft) {
			as = append(as, en.a)
		}
	}
	sort.Slice(as, func(i, j int) bool { return as[i].Path < as[j].Path })
	content.SortArticles(as)
	*diags = append(*diags, content.CheckURLs(as)...)
	return as
}
