package site_test

import (
	"os"
	"path/filepath"
	"testing"

	byline "github.com/bylinehq/byline"
)

// TestTemplateOverride checks that a site's templates/list.html replaces
// the embedded one and that the other pages keep the embedded templates.
func TestTemplateOverride(t *testing.T) {
	out, _ := buildOK(t, `
-- templates/list.html --
{{define "main"}}<p id="custom-list">{{.List.Heading}}: {{range .List.Articles}}[{{.Title}}]{{end}}</p>{{end}}
-- content/articles/city/a.md --
---
title: First story
date: 2025-01-01
---
Text.
`)
	home := outText(t, out, "index.html")
	wantContains(t, "home page", home, `<p id="custom-list">`, "[First story]")
	wantContains(t, "section page", outText(t, out, "city/index.html"), `<p id="custom-list">City: [First story]</p>`)
	wantLacks(t, "article page", outText(t, out, "articles/city/a/index.html"), "custom-list")
}

// TestParamsInTemplates checks that front-matter keys byline does not know
// reach templates as .Article.Params, and byline.toml's as .Site.Params.
func TestParamsInTemplates(t *testing.T) {
	out, _ := buildOK(t, `
-- byline.toml --
motto = "Facts first"
-- templates/article.html --
{{define "main"}}<p id="params">mood={{.Article.Params.mood}} desk={{index .Article.Params.desk "name"}} motto={{.Site.Params.motto}}</p>{{end}}
-- content/articles/city/a.md --
---
title: First story
date: 2025-01-01
mood: upbeat
desk:
  name: Metro
---
Text.
`)
	wantContains(t, "article page", outText(t, out, "articles/city/a/index.html"),
		`<p id="params">mood=upbeat desk=Metro motto=Facts first</p>`)
}

// TestStaticFiles checks that static/ is copied as-is, and that a file of
// the same path as an embedded one (css/byline.css) overrides it.
func TestStaticFiles(t *testing.T) {
	out, _ := buildOK(t, `
-- static/css/byline.css --
/* the site's own */
body { color: red; }
-- static/img/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"></svg>
-- static/.hidden --
not copied
`)
	if got := outText(t, out, "css/byline.css"); got != "/* the site's own */\nbody { color: red; }\n" {
		t.Errorf("css/byline.css = %q, want the site's file", got)
	}
	if got := outText(t, out, "img/logo.svg"); got != "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n" {
		t.Errorf("img/logo.svg = %q", got)
	}
	js, err := byline.Theme.ReadFile("static/js/byline.js")
	if err != nil {
		t.Fatal(err)
	}
	if got := outText(t, out, "js/byline.js"); got != string(js) {
		t.Errorf("js/byline.js differs from the embedded file")
	}
	if _, err := os.Stat(filepath.Join(out, ".hidden")); err == nil {
		t.Errorf("a dot file in static/ was copied")
	}
}
