package site

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"strings"
	"sync"

	byline "github.com/bylinehq/byline"
	"github.com/bylinehq/byline/site/diag"
)

// The embedded theme's files, read once: they are part of the binary.
var (
	themeTemplates = sync.OnceValue(func() map[string][]byte { return readLayer(byline.Theme, "templates", nil) })
	themeStatic    = sync.OnceValue(func() map[string][]byte { return readLayer(byline.Theme, "static", nil) })
)

// readLayer reads the files under dir of one layer of a site (the embedded
// theme or the site's folder), keyed by their path below dir. Names that
// start with a dot are left out.
func readLayer(fsys fs.FS, dir string, diags *diag.List) map[string][]byte {
	files := map[string][]byte{}
	report := func(p string, err error) {
		if diags != nil {
			diags.Add(p, 0, 0, "cannot read: %v", err)
		}
	}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			report(p, err)
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			report(p, err)
			return nil
		}
		files[strings.TrimPrefix(p, dir+"/")] = b
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipAll) {
		report(dir, err)
	}
	return files
}

// overlay returns the theme's files with a site's files of the same path
// in their place.
func overlay(theme, site map[string][]byte) map[string][]byte {
	files := maps.Clone(theme)
	maps.Copy(files, site)
	return files
}

// themeFiles reads the templates: the embedded theme's, each replaced by a
// file of the same name in the site's templates/ folder.
func themeFiles(src fs.FS, diags *diag.List) map[string]string {
	files := map[string]string{}
	for name, b := range overlay(themeTemplates(), readLayer(src, "templates", diags)) {
		if path.Dir(name) == "." && strings.HasSuffix(name, ".html") {
			files[name] = string(b)
		}
	}
	return files
}

// staticFiles reads the static files, keyed by output path: the theme's,
// each replaced by the site's file of the same path.
func staticFiles(src fs.FS, diags *diag.List) map[string][]byte {
	return overlay(themeStatic(), readLayer(src, "static", diags))
}
