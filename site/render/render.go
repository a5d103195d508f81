// Package render turns byline's page data into HTML, JSON and XML. Templates
// are parsed once; a site's templates/ folder overrides the embedded theme
// file by file.
//
// # Templates
//
// base.html defines the page frame ("base"); each page kind has its own
// file (article.html, entity.html, list.html, corrections.html, 404.html,
// terms.html)
// that defines "main" and may define "head". Files whose names start with
// an underscore hold partials shared by all.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/bylinehq/byline/site/diag"
)

// PageKinds are the page templates a theme must have.
var PageKinds = []string{"article", "entity", "list", "corrections", "404", "terms"}

// A Renderer executes the theme's templates. It is safe for concurrent use.
type Renderer struct {
	pages map[string]*template.Template
}

// Funcs are the functions templates may call.
var Funcs = template.FuncMap{
	"date":     func(t time.Time) string { return t.Format("January 2, 2006") },
	"isodate":  func(t time.Time) string { return t.Format("2006-01-02") },
	"datetime": func(t time.Time) string { return t.Format(time.RFC3339) },
	"join":     strings.Join,
	"title":    titleCase,
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
	"add": func(a, b int) int { return a + b },
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// New parses the theme's templates. files maps each template file name
// (article.html, _partials.html, ...) to its text; dir prefixes the names in
// diagnostics.
func New(files map[string]string, dir string) (*Renderer, diag.List) {
	var diags diag.List
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	common := template.New("").Funcs(Funcs)
	parse := func(t *template.Template, name string) {
		src, ok := files[name]
		if !ok {
			diags.Add(path.Join(dir, name), 0, 0, "missing template")
			return
		}
		if _, err := t.New(name).Parse(src); err != nil {
			diags = append(diags, templateDiag(dir, name, err))
		}
	}
	parse(common, "base.html")
	for _, f := range names {
		if strings.HasPrefix(f, "_") {
			parse(common, f)
		}
	}
	if len(diags) > 0 {
		return nil, diags
	}
	r := &Renderer{pages: map[string]*template.Template{}}
	for _, kind := range PageKinds {
		t := template.Must(common.Clone())
		parse(t, kind+".html")
		r.pages[kind] = t
	}
	if len(diags) > 0 {
		return nil, diags
	}
	return r, nil
}

// templateDiag turns a template parse error into a diagnostic with the
// line the template package reports ("template: name:12: message").
func templateDiag(dir, name string, err error) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{Path: path.Join(dir, name), Msg: msg}
	prefix := "template: " + name + ":"
	if rest, ok := strings.CutPrefix(msg, prefix); ok {
		var line int
		if n, _ := fmt.Sscanf(rest, "%d:", &line); n == 1 {
			d.Line, d.Msg = line, strings.TrimSpace(rest[strings.Index(rest, ":")+1:])
			if c := strings.Index(d.Msg, ": "); c > 0 && isDigits(d.Msg[:c]) {
				fmt.Sscan(d.Msg[:c], &d.Col)
				d.Msg = d.Msg[c+2:]
			}
		}
	}
	return d
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Page renders p with the template of its kind. Nothing is written to w
// when the template fails.
func (r *Renderer) Page(w io.Writer, p *Page) error {
	b, err := r.Bytes(p)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Bytes renders p with the template of its kind and returns the page.
func (r *Renderer) Bytes(p *Page) ([]byte, error) {
	t := r.pages[p.Kind]
	if t == nil {
		return nil, fmt.Errorf("no template for page kind %q", p.Kind)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
