package content

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/internal/parallel"
)

// Folders of a site.
const (
	ArticlesDir = "content/articles"
	EntitiesDir = "content/entities"
)

// Load reads a whole site from fsys, whose root is the site's folder.
// Drafts are left out unless drafts is true. It returns every problem found.
func Load(ctx context.Context, fsys fs.FS, drafts bool) (*Site, diag.List) {
	var diags diag.List
	var cfgSrc []byte
	if b, err := fs.ReadFile(fsys, ConfigFile); err == nil {
		cfgSrc = b
	} else if !errors.Is(err, fs.ErrNotExist) {
		diags.Add(ConfigFile, 0, 0, "cannot read: %v", err)
	}
	s := &Site{Config: ParseConfig(cfgSrc, &diags), ByID: map[string]*Entity{}}

	articleFiles := markdownFiles(fsys, ArticlesDir, true, &diags)
	entityFiles := markdownFiles(fsys, EntitiesDir, false, &diags)

	articles := make([]*Article, len(articleFiles))
	entities := make([]*Entity, len(entityFiles))
	perFile := make([]diag.List, len(articleFiles)+len(entityFiles))
	parallel.Do(ctx, len(perFile), func(i int) {
		if i < len(articleFiles) {
			p := articleFiles[i]
			if src, err := fs.ReadFile(fsys, p); err != nil {
				perFile[i].Add(p, 0, 0, "cannot read: %v", err)
			} else {
				articles[i] = ParseArticle(p, strings.TrimPrefix(p, ArticlesDir+"/"), src, &perFile[i])
			}
			return
		}
		j := i - len(articleFiles)
		p := entityFiles[j]
		if src, err := fs.ReadFile(fsys, p); err != nil {
			perFile[i].Add(p, 0, 0, "cannot read: %v", err)
		} else {
			entities[j] = ParseEntity(p, strings.TrimSuffix(path.Base(p), ".md"), src, &perFile[i])
		}
	})
	for _, l := range perFile {
		diags = append(diags, l...)
	}
	for _, a := range articles {
		if a != nil && (drafts || !a.Draft) {
			s.Articles = append(s.Articles, a)
		}
	}
	for _, e := range entities {
		if e != nil {
			s.Entities = append(s.Entities, e)
			s.ByID[e.ID] = e
		}
	}
	SortArticles(s.Articles)
	diags = append(diags, checkURLs(s.Articles)...)
	return s, diags
}

// SortArticles orders articles newest first, then by URL.
func SortArticles(as []*Article) {
	sort.SliceStable(as, func(i, j int) bool {
		if !as[i].Date.Equal(as[j].Date) {
			return as[i].Date.After(as[j].Date)
		}
		return as[i].URL < as[j].URL
	})
}

// reservedSections are the first URL segments byline uses for its own pages.
var reservedSections = map[string]bool{
	"articles": true, "entities": true, "tags": true, "corrections": true, "page": true,
	"css": true, "js": true, "feed.xml": true, "sitemap.xml": true, "404.html": true, "_byline": true,
}

func checkURLs(as []*Article) diag.List {
	var diags diag.List
	seen := map[string]*Article{}
	for _, a := range as {
		if reservedSections[a.Section] {
			diags.Add(a.Path, 1, 1, "section %q is reserved for byline's own pages: use another folder or set section", a.Section)
		}
		if prev, dup := seen[a.URL]; dup {
			first, second := prev, a
			if second.Path < first.Path {
				first, second = second, first
			}
			diags.Add(second.Path, 1, 1, "article URL %s is also the URL of %s: set a different slug", a.URL, first.Path)
			continue
		}
		seen[a.URL] = a
	}
	return diags
}

// markdownFiles lists the .md files under dir, sorted; a missing dir is empty.
func markdownFiles(fsys fs.FS, dir string, recursive bool, diags *diag.List) []string {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			diags.Add(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && (!recursive || strings.HasPrefix(name, ".")) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipAll) {
		diags.Add(dir, 0, 0, "cannot read: %v", err)
	}
	sort.Strings(files)
	return files
}
