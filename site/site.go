// Package site is byline's generator: it loads a site (package content),
// annotates each article (package annotate), renders pages (packages
// markdown and render) and writes them to an output folder atomically.
//
// # URLs
//
//	/articles/<section>/<slug>/           an article, and index.json beside it
//	/entities/<id>/                       an entity
//	/, /page/N/                           latest articles
//	/<section>/, /<section>/page/N/       a section's articles
//	/tags/<tag>/, /tags/<tag>/page/N/     a tag's articles
//	/tags/, /entities/                    every tag, every entity
//	/corrections/                         every correction, newest first
//	/feed.xml, /sitemap.xml, /404.html
package site

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bylinehq/byline/site/diag"
)

// Options configure a build.
type Options struct {
	Source  string // the site's folder
	Output  string // overrides the config's output folder when set
	Drafts  bool   // include drafts
	BaseURL string // overrides the config's base_url when set
}

// Summary says what a build did.
type Summary struct {
	Pages    int // HTML pages written
	Files    int // all files written
	Articles int
	Entities int
	Output   string
	Took     time.Duration
	Warnings diag.List
}

func (s Summary) String() string {
	return fmt.Sprintf("built %s (%s, %s, %s) into %s in %s",
		count(s.Pages, "page"), count(s.Files, "file"), count(s.Articles, "article"), count(s.Entities, "entity"),
		s.Output, s.Took.Round(time.Millisecond))
}

func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Build builds the site into its output folder. On any error the previous
// output is left as it was, and the error is a *diag.Error listing every
// problem found.
func Build(ctx context.Context, opts Options) (Summary, error) {
	start := time.Now()
	g, diags := newGenerator(ctx, os.DirFS(opts.Source), opts.Drafts, opts.BaseURL)
	if g != nil && diags.Err() != nil {
		// Report the problems in the files that did load too, in one run.
		diags = append(diags, g.generate(ctx, discard{})...)
	}
	sum := Summary{Warnings: diags.Warnings()}
	if err := diags.Err(); err != nil {
		return sum, err
	}
	out := opts.Output
	if out == "" {
		out = filepath.Join(opts.Source, filepath.FromSlash(g.cfg.Output))
	}
	if err := CheckOutputDir(opts.Source, out); err != nil {
		return sum, err
	}
	dir, err := newDirOutput(out)
	if err != nil {
		return sum, fmt.Errorf("cannot create output folder: %w", err)
	}
	counter := &countingOutput{Output: dir}
	diags = g.generate(ctx, counter)
	sum.Warnings = append(sum.Warnings, diags.Warnings()...)
	if err := diags.Err(); err != nil {
		dir.abort()
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		dir.abort()
		return sum, err
	}
	if err := dir.commit(); err != nil {
		dir.abort()
		return sum, fmt.Errorf("cannot replace output folder: %w", err)
	}
	sum.Pages, sum.Files = int(counter.pages.Load()), int(counter.files.Load())
	sum.Articles, sum.Entities = len(g.site.Articles), len(g.site.Entities)
	sum.Output, sum.Took = out, time.Since(start)
	sum.Warnings = sum.Warnings.Sort()
	return sum, nil
}

// Check loads and annotates the site without writing anything, and returns
// every error and warning.
func Check(ctx context.Context, source string, drafts bool) diag.List {
	g, diags := newGenerator(ctx, os.DirFS(source), drafts, "")
	if g == nil {
		return diags.Sort()
	}
	g.strictLinks = true
	diags = append(diags, g.generate(ctx, discard{})...)
	return diags.Sort()
}

// Generate builds the site read from src into out, which may be memory, as
// byline serve uses it. liveReload is HTML put at the end of every page.
// It returns every error and warning; out holds a half-written site when
// there are errors.
func Generate(ctx context.Context, src fs.FS, drafts bool, baseURL string, liveReload template.HTML, out Output) diag.List {
	g, diags := newGenerator(ctx, src, drafts, baseURL)
	if g == nil || diags.Err() != nil {
		return diags.Sort()
	}
	g.liveReload = liveReload
	diags = append(diags, g.generate(ctx, out)...)
	return diags.Sort()
}

type discard struct{}

func (discard) Write(string, []byte) error { return nil }
