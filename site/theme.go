package site

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	byline "github.com/bylinehq/byline"
	"github.com/bylinehq/byline/site/diag"
)

// themeFiles reads the templates: the embedded theme's, each replaced by a
// file of the same name in the site's templates/ folder.
func themeFiles(src fs.FS, diags *diag.List) map[string]string {
	files := map[string]string{}
	for _, layer := range []fs.FS{byline.Theme, src} {
		entries, err := fs.ReadDir(layer, "templates")
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				diags.Add("templates", 0, 0, "cannot read: %v", err)
			}
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".html") {
				continue
			}
			b, err := fs.ReadFile(layer, path.Join("templates", e.Name()))
			if err != nil {
				diags.Add(path.Join("templates", e.Name()), 0, 0, "cannot read: %v", err)
				continue
			}
			files[e.Name()] = string(b)
		}
	}
	return files
}

// staticFiles lists the static files, mapping each output path to the
// layer it comes from: a site's static/ file overrides the theme's.
func staticFiles(src fs.FS, diags *diag.List) map[string]fs.FS {
	files := map[string]fs.FS{}
	for _, layer := range []fs.FS{byline.Theme, src} {
		err := fs.WalkDir(layer, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "static" && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				diags.Add(p, 0, 0, "cannot read: %v", err)
				return nil
			}
			if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				files[strings.TrimPrefix(p, "static/")] = layer
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.SkipAll) {
			diags.Add("static", 0, 0, "cannot read: %v", err)
		}
	}
	return files
}
