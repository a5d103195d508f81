package site_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/bylinehq/byline/site"
	"github.com/bylinehq/byline/site/diag"
)

// moduleDir is the module root, which is also the demo site.
func moduleDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// TestEmbeddedThemeBuilds builds a site with no templates folder of its own.
func TestEmbeddedThemeBuilds(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	wantContains(t, "home page", outText(t, out, "index.html"), `href="/articles/city/port-vote/"`)
}

// siteFromTxtar writes the site held in a txtar archive into a new
// temporary folder and returns the folder.
func siteFromTxtar(t *testing.T, archive string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildOK builds a txtar site into a temporary output folder, failing the
// test on any error, and returns the output folder and the summary.
func buildOK(t *testing.T, archive string) (string, site.Summary) {
	t.Helper()
	src := siteFromTxtar(t, archive)
	out := filepath.Join(t.TempDir(), "public")
	sum, err := site.Build(context.Background(), site.Options{Source: src, Output: out})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out, sum
}

// buildDiags builds a txtar site that must fail and returns its diagnostics.
func buildDiags(t *testing.T, archive string) diag.List {
	t.Helper()
	src := siteFromTxtar(t, archive)
	out := filepath.Join(t.TempDir(), "public")
	_, err := site.Build(context.Background(), site.Options{Source: src, Output: out})
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("build error = %v, want a *diag.Error", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed build created the output folder (stat: %v)", err)
	}
	return de.List
}

// outText reads one output file.
func outText(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("output file: %v", err)
	}
	return string(b)
}

func wantContains(t *testing.T, what, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("%s lacks %q", what, s)
		}
	}
}

func wantLacks(t *testing.T, what, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(text, s) {
			t.Errorf("%s has %q", what, s)
		}
	}
}

// wantDiags checks that each want string prefixes (or failing that, is
// contained in) one of the diagnostics.
func wantDiags(t *testing.T, diags diag.List, want ...string) {
	t.Helper()
	var all []string
	for _, d := range diags {
		all = append(all, d.String())
	}
	for _, w := range want {
		if !slices.ContainsFunc(all, func(s string) bool { return strings.HasPrefix(s, w) || strings.Contains(s, w) }) {
			t.Errorf("no diagnostic matching %q in:\n%s", w, strings.Join(all, "\n"))
		}
	}
}

// newsSite is a small site with two sections, a tag on three articles, an
// entity with a Wikidata id, and a corrected article.
const newsSite = `
-- byline.toml --
title = "Northport Ledger"
description = "News from the harbor"
base_url = "https://example.org/"
page_size = 2
-- content/entities/ana-ruiz.md --
---
name: Ana Ruiz
kind: person
role: Mayor of Northport
wikidata: Q42
---
Ana Ruiz is the mayor of Northport.
-- content/entities/port-authority.md --
---
name: Northport Port Authority
kind: organization
aliases: [port authority]
---
The agency that runs the harbor.
-- content/articles/city/port-vote.md --
---
title: Port vote passes
date: 2025-03-04T09:30:00Z
updated: 2025-03-05T10:00:00Z
authors: [Lena Voss, Sam Ode]
summary: The council approved the port plan.
tags: [port]
corrections:
  - date: 2025-03-06
    text: An earlier version gave the wrong vote count.
---
Mayor Ana Ruiz welcomed the vote, which passed {~~5-2~>6-1~~}.

"We will build it," Ruiz said.

The port authority will start in May.
-- content/articles/city/ferry.md --
---
title: Ferry schedule changes
date: 2025-03-03
tags: [port, Ferries]
---
The winter schedule starts Monday.
-- content/articles/city/budget.md --
---
title: Budget gap
date: 2025-03-02
---
The budget is short.
-- content/articles/business/cargo.md --
---
title: Cargo record
date: 2025-03-01
tags: [port]
---
Cargo hit a record.
-- content/articles/business/shipyard.md --
---
title: Shipyard contract
date: 2025-02-28
---
A new contract.
`

// ldJSON returns the JSON-LD object of a page.
func ldJSON(t *testing.T, page string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("page has no JSON-LD")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	return v
}

// TestArticlePage checks an article page's head: title, description,
// canonical URL, Open Graph tags and the NewsArticle JSON-LD.
func TestArticlePage(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	page := outText(t, out, "articles/city/port-vote/index.html")
	wantContains(t, "article page", page,
		"<title>Port vote passes · Northport Ledger</title>",
		`<meta name="description" content="The council approved the port plan.">`,
		`<link rel="canonical" href="https://example.org/articles/city/port-vote/">`,
		`<meta property="og:title" content="Port vote passes">`,
		`<meta property="og:type" content="article">`,
		`<meta property="og:url" content="https://example.org/articles/city/port-vote/">`,
		`href="/entities/ana-ruiz/"`,
		"6-1",
	)
	ld := ldJSON(t, page)
	for k, want := range map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Port vote passes",
		"datePublished": "2025-03-04T09:30:00Z",
		"dateModified":  "2025-03-06T00:00:00Z", // the correction is newer than updated
		"url":           "https://example.org/articles/city/port-vote/",
	} {
		if ld[k] != want {
			t.Errorf("JSON-LD %s = %v, want %v", k, ld[k], want)
		}
	}
	authors, _ := ld["author"].([]any)
	var names []string
	for _, a := range authors {
		if m, ok := a.(map[string]any); ok && m["@type"] == "Person" {
			names = append(names, m["name"].(string))
		}
	}
	if !slices.Equal(names, []string{"Lena Voss", "Sam Ode"}) {
		t.Errorf("JSON-LD author = %v, want the two authors as Persons", ld["author"])
	}
	mentions, _ := ld["mentions"].([]any)
	found := false
	for _, m := range mentions {
		if m, ok := m.(map[string]any); ok && m["name"] == "Ana Ruiz" {
			found = m["@type"] == "Person" && m["sameAs"] == "https://www.wikidata.org/wiki/Q42"
		}
	}
	if !found {
		t.Errorf("JSON-LD mentions = %v, want Ana Ruiz as a Person with sameAs Q42", ld["mentions"])
	}
	corr, _ := ld["correction"].([]any)
	if len(corr) != 1 || corr[0].(map[string]any)["@type"] != "CorrectionComment" ||
		corr[0].(map[string]any)["text"] != "An earlier version gave the wrong vote count." {
		t.Errorf("JSON-LD correction = %v", ld["correction"])
	}
}

// TestArticleJSON checks index.json beside an article page.
func TestArticleJSON(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	var got struct {
		URL      string
		Title    string
		Date     string
		Entities []struct {
			ID, Name, Kind string
			Mentions       int
		}
		Quotes []struct {
			N        int
			Text     string
			Speaker  string
			Inferred bool
		}
		Corrections []struct {
			Date, Kind, Text string
			Changes          []struct{ Old, New string }
		}
	}
	if err := json.Unmarshal([]byte(outText(t, out, "articles/city/port-vote/index.json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.URL != "/articles/city/port-vote/" || got.Title != "Port vote passes" || got.Date != "2025-03-04T09:30:00Z" {
		t.Errorf("url, title, date = %q, %q, %q", got.URL, got.Title, got.Date)
	}
	var ids []string
	for _, e := range got.Entities {
		ids = append(ids, e.ID)
	}
	if !slices.Equal(ids, []string{"ana-ruiz", "port-authority"}) {
		t.Errorf("entities = %v, want ana-ruiz then port-authority", ids)
	}
	if len(got.Quotes) != 1 || got.Quotes[0].Text != "We will build it," && got.Quotes[0].Text != "We will build it" || got.Quotes[0].Speaker != "ana-ruiz" || !got.Quotes[0].Inferred {
		t.Errorf("quotes = %+v, want one inferred quote by ana-ruiz", got.Quotes)
	}
	if len(got.Corrections) != 1 || got.Corrections[0].Date != "2025-03-06" || got.Corrections[0].Kind != "correction" ||
		len(got.Corrections[0].Changes) != 1 || got.Corrections[0].Changes[0].Old != "5-2" || got.Corrections[0].Changes[0].New != "6-1" {
		t.Errorf("corrections = %+v", got.Corrections)
	}
}

// TestListPagination checks that the home, section and tag pages are split
// into pages of page_size articles, newest first, linked to each other.
func TestListPagination(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	for _, tc := range []struct {
		pages  []string
		titles [][]string
	}{
		{[]string{"index.html", "page/2/index.html", "page/3/index.html"},
			[][]string{{"Port vote passes", "Ferry schedule changes"}, {"Budget gap", "Cargo record"}, {"Shipyard contract"}}},
		{[]string{"city/index.html", "city/page/2/index.html"},
			[][]string{{"Port vote passes", "Ferry schedule changes"}, {"Budget gap"}}},
		{[]string{"business/index.html"},
			[][]string{{"Cargo record", "Shipyard contract"}}},
		{[]string{"tags/port/index.html", "tags/port/page/2/index.html"},
			[][]string{{"Port vote passes", "Ferry schedule changes"}, {"Cargo record"}}},
		{[]string{"tags/ferries/index.html"},
			[][]string{{"Ferry schedule changes"}}},
	} {
		all := []string{"Port vote passes", "Ferry schedule changes", "Budget gap", "Cargo record", "Shipyard contract"}
		for i, p := range tc.pages {
			page := outText(t, out, p)
			var listed []string
			for _, title := range all {
				if strings.Contains(page, ">"+title+"</a>") {
					listed = append(listed, title)
				}
			}
			if !slices.Equal(listed, tc.titles[i]) {
				t.Errorf("%s lists %q, want %q", p, listed, tc.titles[i])
			}
			// Each page links to the next and the previous one.
			base := "/" + strings.TrimSuffix(tc.pages[0], "index.html")
			if i+1 < len(tc.pages) {
				wantContains(t, p, page, `href="`+base+"page/"+itoa(i+2)+`/"`)
			}
			if i > 0 {
				prev := base
				if i > 1 {
					prev = base + "page/" + itoa(i) + "/"
				}
				wantContains(t, p, page, `href="`+prev+`"`)
			}
		}
		past := filepath.Join(out, strings.TrimSuffix(tc.pages[0], "index.html"), "page", itoa(len(tc.pages)+1))
		if _, err := os.Stat(past); err == nil {
			t.Errorf("%s exists past the last page", past)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestFeed checks /feed.xml: valid Atom, newest first, absolute links, and
// an updated time that moves with corrections.
func TestFeed(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
			Authors   []struct {
				Name string `xml:"name"`
			} `xml:"author"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(outText(t, out, "feed.xml")), &feed); err != nil {
		t.Fatalf("feed.xml is not Atom: %v", err)
	}
	if feed.Title != "Northport Ledger" || feed.ID == "" {
		t.Errorf("feed title, id = %q, %q", feed.Title, feed.ID)
	}
	if feed.Updated != "2025-03-06T00:00:00Z" {
		t.Errorf("feed updated = %q, want the newest correction's date", feed.Updated)
	}
	if len(feed.Entries) != 5 {
		t.Fatalf("feed has %d entries, want 5", len(feed.Entries))
	}
	e := feed.Entries[0]
	if e.Title != "Port vote passes" || e.ID != "https://example.org/articles/city/port-vote/" ||
		e.Link.Href != e.ID || e.Published != "2025-03-04T09:30:00Z" || e.Updated != "2025-03-06T00:00:00Z" ||
		len(e.Authors) != 2 || e.Summary != "The council approved the port plan." {
		t.Errorf("first entry = %+v", e)
	}
	if feed.Entries[4].Title != "Shipyard contract" {
		t.Errorf("last entry = %q, want the oldest article", feed.Entries[4].Title)
	}
}

// TestSitemapAnd404 checks /sitemap.xml and /404.html, and that pages use
// pretty URLs (a folder with index.html).
func TestSitemapAnd404(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	var sm struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(outText(t, out, "sitemap.xml")), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	locs := map[string]string{}
	for _, u := range sm.URLs {
		locs[u.Loc] = u.LastMod
	}
	for _, want := range []string{
		"https://example.org/", "https://example.org/city/", "https://example.org/business/",
		"https://example.org/articles/city/port-vote/", "https://example.org/articles/business/shipyard/",
		"https://example.org/entities/ana-ruiz/", "https://example.org/corrections/",
	} {
		if _, ok := locs[want]; !ok {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if got := locs["https://example.org/articles/city/port-vote/"]; got != "2025-03-06T00:00:00Z" {
		t.Errorf("sitemap lastmod of port-vote = %q", got)
	}
	for loc := range locs {
		rel := strings.TrimPrefix(loc, "https://example.org/")
		if _, err := os.Stat(filepath.Join(out, rel, "index.html")); err != nil {
			t.Errorf("sitemap lists %s, but the build did not write it: %v", loc, err)
		}
	}
	wantContains(t, "404.html", outText(t, out, "404.html"), "<title>Page not found · Northport Ledger</title>")
	for _, p := range []string{"articles/city/port-vote/index.html", "entities/ana-ruiz/index.html", "corrections/index.html", "css/syntax.css", "css/byline.css"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "articles/city/port-vote.html")); err == nil {
		t.Errorf("wrote articles/city/port-vote.html; want pretty URLs only")
	}
}

// TestCorrectionsPage checks the site-wide corrections log.
func TestCorrectionsPage(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	page := outText(t, out, "corrections/index.html")
	wantContains(t, "corrections page", page, "An earlier version gave the wrong vote count.", `href="/articles/city/port-vote/`)
}

// TestSummary checks what Build says it did.
func TestSummary(t *testing.T) {
	out, sum := buildOK(t, newsSite)
	if sum.Articles != 5 || sum.Entities != 2 || sum.Output != out {
		t.Errorf("summary = %+v", sum)
	}
	var pages int
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	if sum.Pages != pages {
		t.Errorf("summary says %d pages; the output holds %d", sum.Pages, pages)
	}
	if !strings.HasPrefix(sum.String(), "built "+strconv.Itoa(pages)+" pages") {
		t.Errorf("summary line %q", sum.String())
	}
}

var tagHrefRe = regexp.MustCompile(`href="(/tags/[^"]*)"`)

func readIfExists(out, rel string) ([]byte, error) {
	return os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
}
