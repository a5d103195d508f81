package site

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
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
	fileKeys map[string]uint64 // the key of each file's content
	readErrs map[string]error
	touched  map[string]bool // files read, changed or gone in this update
	static   []string        // the site's static files, sorted

	cfgKey   uint64
	cfg      content.Config
	cfgDiags diag.List
	md       goldmark.Markdown

	tmplKey   uint64
	r         *render.Renderer
	tmplDiags diag.List
	kindKeys  map[string]uint64

	entities  map[string]*entityEntry // by path
	entList   []*entityEntry          // the parsed ones, by path
	entSetKey uint64
	index     *annotate.Index
	indexKey  uint64 // what annotation reads of the entities

	articles map[string]*articleEntry // by path
	arts     []*content.Article       // this build's articles, sorted
	docEnv   uint64                   // index and config the docs were checked against
	reparsed bool                     // articles were parsed again for a new index
	urlDiags diag.List                // what CheckURLs said of arts

	entKeys      map[string]uint64      // entity id -> key, as of the last build
	entSums      map[string]uint64      // entity id -> sum of its articles' parts
	contributors map[*articleEntry]bool // the articles in entSums
	gen          uint64                 // counts builds
	listsKey     uint64                 // this build's lists
	goodListsKey uint64                 // the last good build's
	listIDs      []string               // the last good build's list producers

	// The last good build.
	out      map[string][]byte
	keys     map[string]uint64    // producer id -> key it was made with
	produced map[string][]outFile // producer id -> the files it made
	written  map[string]bool      // out's paths, for checking links
	overlap  bool                 // two producers made the same path
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
	// statKeys sums up, for each entity the article names or quotes,
	// what the entity's page shows of the article.
	statKeys map[string]uint64
	depsFor  uint64 // the docKey deps was computed for
	docEnv   uint64 // the docEnv docKey was checked against
	pageIn   [3]uint64
	pageID   string
	pageKey  uint64 // the article producer's key, made from pageIn

	// The article's part of the entity sums.
	contrib    map[string]uint64
	contribFor uint64
	seen       uint64 // the build that last saw it
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
		entSums: map[string]uint64{}, contributors: map[*articleEntry]bool{},
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
	b.touched = map[string]bool{}
	if b.files == nil || changed == nil {
		for p := range b.files {
			b.touched[p] = true
		}
		b.files, b.fileKeys, b.readErrs = map[string][]byte{}, map[string]uint64{}, map[string]error{}
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
	if _, known := b.files[p]; known {
		// A known file: nothing lies under it.
		delete(b.files, p)
		delete(b.fileKeys, p)
		b.touched[p] = true
	} else {
		for f := range b.files {
			if strings.HasPrefix(f, p+"/") {
				delete(b.files, f)
				delete(b.fileKeys, f)
				b.touched[f] = true
			}
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
				b.files[f], b.fileKeys[f] = src, b.k.of(src)
				b.touched[f] = true
			}
		}
		return nil
	})
}

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
