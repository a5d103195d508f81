package site_test

import (
	"strings"
	"testing"
)

// TestBasePath checks a site published under a path (base_url with
// /news/): files are written at the output root, and every link, the
// canonical URL and the feed carry the path.
func TestBasePath(t *testing.T) {
	out, _ := buildOK(t, strings.Replace(newsSite, `base_url = "https://example.org/"`, `base_url = "https://example.org/news"`, 1))
	page := outText(t, out, "articles/city/port-vote/index.html")
	wantContains(t, "article page", page,
		`<link rel="canonical" href="https://example.org/news/articles/city/port-vote/">`,
		`href="/news/entities/ana-ruiz/"`,
		`href="/news/css/byline.css"`,
		`href="/news/city/"`,
	)
	wantLacks(t, "article page", page, `href="/entities/`, `href="/css/`)
	wantContains(t, "home page", outText(t, out, "index.html"), `href="/news/page/2/"`, `href="/news/articles/city/port-vote/"`)
	wantContains(t, "feed", outText(t, out, "feed.xml"), "<id>https://example.org/news/articles/city/port-vote/</id>")
	wantContains(t, "sitemap", outText(t, out, "sitemap.xml"), "<loc>https://example.org/news/city/</loc>")
}

// TestDraftsLeftOut checks that a draft appears nowhere in a build without
// drafts: no page, and no entry in lists, tags, feed or sitemap.
func TestDraftsLeftOut(t *testing.T) {
	out, sum := buildOK(t, newsSite+`
-- content/articles/city/secret.md --
---
title: Secret plan
date: 2030-01-01
draft: true
tags: [port, secret]
---
Not yet.
`)
	if sum.Articles != 5 {
		t.Errorf("built %d articles, want 5", sum.Articles)
	}
	for _, p := range []string{"index.html", "city/index.html", "tags/port/index.html", "feed.xml", "sitemap.xml"} {
		wantLacks(t, p, outText(t, out, p), "Secret plan", "secret")
	}
	for _, p := range []string{"articles/city/secret/index.html", "tags/secret/index.html"} {
		if _, err := readIfExists(out, p); err == nil {
			t.Errorf("draft page %s was written", p)
		}
	}
}

// TestTagLinks checks that every tag link on an article page leads to a
// tag page the build wrote.
func TestTagLinks(t *testing.T) {
	checkTagLinks(t, `[Port Authority, "C++"]`)
}

// TestTagWithoutLettersLink checks a tag made only of punctuation, which has
// no tag page: the article must not link to one.
func TestTagWithoutLettersLink(t *testing.T) {
	checkTagLinks(t, `[Port Authority, "???"]`)
}

func checkTagLinks(t *testing.T, tags string) {
	t.Helper()
	out, _ := buildOK(t, `
-- content/articles/city/a.md --
---
title: A
date: 2025-01-01
tags: `+tags+`
---
Text.
`)
	page := outText(t, out, "articles/city/a/index.html")
	for _, m := range tagHrefRe.FindAllStringSubmatch(page, -1) {
		if _, err := readIfExists(out, strings.TrimPrefix(m[1], "/")+"index.html"); err != nil {
			t.Errorf("article links to tag page %s, which was not written", m[1])
		}
	}
	wantContains(t, "article page", page, `href="/tags/port-authority/"`)
}
