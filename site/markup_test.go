package site_test

import (
	"testing"
)

const markupArticle = `
-- content/articles/tech/code.md --
---
title: Code in stories
date: 2025-01-01
---
## Why it matters

Here is <span class="raw">raw</span> HTML.

` + "```go\nfunc main() {}\n```\n"

// TestBuildMarkdown checks that article bodies go through byline's Markdown:
// heading ids, highlighted code with classes, the generated code stylesheet,
// and raw HTML left out unless byline.toml says raw_html = true.
func TestBuildMarkdown(t *testing.T) {
	out, _ := buildOK(t, markupArticle)
	page := outText(t, out, "articles/tech/code/index.html")
	wantContains(t, "article page", page, `<h2 id="why-it-matters">`, `<pre class="hl-chroma">`, `<span class="hl-kd">func</span>`)
	wantLacks(t, "article page", page, `<span class="raw">`)
	css := outText(t, out, "css/syntax.css")
	wantContains(t, "css/syntax.css", css, ".hl-kd", "@media (prefers-color-scheme: dark)")

	out, _ = buildOK(t, "-- byline.toml --\nraw_html = true\n"+markupArticle)
	wantContains(t, "article page with raw_html", outText(t, out, "articles/tech/code/index.html"), `<span class="raw">raw</span>`)
}
