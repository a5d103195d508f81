package site

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/yuin/goldmark"

	"github.com/bylinehq/byline/site/annotate"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
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
