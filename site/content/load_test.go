package content_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
)

// loadTxtar loads the site held in a txtar archive.
func loadTxtar(t *testing.T, archive string, drafts bool) (*content.Site, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return content.Load(context.Background(), fsys, drafts)
}

// loadClean loads a site that must have no diagnostics at all.
func loadClean(t *testing.T, archive string, drafts bool) *content.Site {
	t.Helper()
	s, diags := loadTxtar(t, archive, drafts)
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", (&diag.Error{List: diags}).Error())
	}
	return s
}

func article(t *testing.T, s *content.Site, path string) *content.Article {
	t.Helper()
	for _, a := range s.Articles {
		if a.Path == path {
			return a
		}
	}
	var have []string
	for _, a := range s.Articles {
		have = append(have, a.Path)
	}
	t.Fatalf("no article %s; have %v", path, have)
	return nil
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// wantArticle is what both the YAML and the TOML spelling of one article must load as.
func wantArticle(t *testing.T, a *content.Article, path string) {
	t.Helper()
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s = %#v, want %#v", path, name, got, want)
		}
	}
	check("Title", a.Title, "Port vote passes")
	check("Date", a.Date.UTC(), time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC))
	check("Updated", a.Updated.UTC(), day(2025, 3, 5))
	check("Authors", a.Authors, []string{"Lena Voss", "Sam Ode"})
	check("Section", a.Section, "politics")
	check("Summary", a.Summary, "The council said yes.")
	check("Tags", a.Tags, []string{"port", "council vote"})
	check("Slug", a.Slug, "vote")
	check("URL", a.URL, "/articles/politics/vote/")
	check("Draft", a.Draft, false)
	check("Autolink", a.Autolink, false)
	if len(a.Corrections) != 2 {
		t.Fatalf("%s: %d corrections, want 2", path, len(a.Corrections))
	}
	check("Corrections[0].Date", a.Corrections[0].Date.UTC(), day(2025, 3, 6))
	check("Corrections[0].Text", a.Corrections[0].Text, "An earlier version misspelled Okafor.")
	check("Corrections[0].Kind", a.Corrections[0].Kind, "correction") // the default
	check("Corrections[1].Kind", a.Corrections[1].Kind, "clarification")
	if len(a.Quotes) != 1 {
		t.Fatalf("%s: %d quotes, want 1", path, len(a.Quotes))
	}
	q := a.Quotes[0]
	check("Quotes[0].Match", q.Match, "We will build")
	check("Quotes[0].Speaker.ID", q.Speaker.ID, "ana-ruiz")
	check("Quotes[0].Source", q.Source, "https://example.org/minutes")
	check("Quotes[0].Date", q.Date.UTC(), day(2025, 3, 3))
	check("Quotes[0].Context", q.Context, "at the council meeting")
	var ids []string
	for _, r := range a.Entities {
		ids = append(ids, r.ID)
	}
	check("Entities", ids, []string{"ana-ruiz", "northport"})
	check("Params[mood]", a.Params["mood"], "upbeat")
	check("Params[priority]", a.Params["priority"], int64(3))
	if !strings.Contains(string(a.Body), "The council voted.") {
		t.Errorf("%s: body %q lacks the text", path, a.Body)
	}
}

// TestLoadArticleYAMLAndTOML checks that every key of the article front
// matter table is read into its typed field, in both YAML and TOML, and that
// unknown keys land in Params.
func TestLoadArticleYAMLAndTOML(t *testing.T) {
	for name, archive := range map[string]string{
		"yaml": `
-- content/articles/city/port-vote.md --
---
title: Port vote passes
date: 2025-03-04T09:30:00Z
updated: 2025-03-05
authors: [Lena Voss, Sam Ode]
section: politics
summary: The council said yes.
tags: [port, council vote]
slug: vote
draft: false
autolink: false
corrections:
  - date: 2025-03-06
    text: An earlier version misspelled Okafor.
  - date: 2025-03-07
    text: The vote was not unanimous.
    kind: clarification
quotes:
  - match: We will build
    speaker: ana-ruiz
    source: https://example.org/minutes
    date: 2025-03-03
    context: at the council meeting
entities: [ana-ruiz, northport]
mood: upbeat
priority: 3
---
The council voted.
`,
		"toml": `
-- content/articles/city/port-vote.md --
+++
title = "Port vote passes"
date = 2025-03-04T09:30:00Z
updated = 2025-03-05
authors = ["Lena Voss", "Sam Ode"]
section = "politics"
summary = "The council said yes."
tags = ["port", "council vote"]
slug = "vote"
draft = false
autolink = false
entities = ["ana-ruiz", "northport"]
mood = "upbeat"
priority = 3

[[corrections]]
date = 2025-03-06
text = "An earlier version misspelled Okafor."

[[corrections]]
date = 2025-03-07
text = "The vote was not unanimous."
kind = "clarification"

[[quotes]]
match = "We will build"
speaker = "ana-ruiz"
source = "https://example.org/minutes"
date = 2025-03-03
context = "at the council meeting"
+++
The council voted.
`,
	} {
		t.Run(name, func(t *testing.T) {
			s := loadClean(t, archive, false)
			wantArticle(t, article(t, s, "content/articles/city/port-vote.md"), name)
		})
	}
}

// TestLoadEntity checks every key of the entity front matter table, in YAML
// and TOML; the id is the file name and unknown keys land in Params.
func TestLoadEntity(t *testing.T) {
	s := loadClean(t, `
-- content/entities/ana-ruiz.md --
---
name: Ana Ruiz
kind: person
aliases: [Mayor Ruiz, Ana María Ruiz]
role: Mayor of Northport
wikidata: Q42
links: [https://example.org/mayor, https://example.org/ana]
image: /img/ana.jpg
party: independent
---
Ana Ruiz is the mayor of Northport.

She was elected in 2023.
-- content/entities/port-authority.md --
+++
name = "Northport Port Authority"
kind = "organization"
aliases = ["the port authority"]
role = "Runs the harbor"
wikidata = "Q7"
links = ["https://example.org/port"]
image = "https://example.org/port.png"
founded = 1921
+++
The agency that runs the harbor.
-- content/entities/somewhere.md --
---
name: Somewhere
---
A place with no kind given.
`, false)
	want := map[string]content.Entity{
		"ana-ruiz": {Path: "content/entities/ana-ruiz.md", ID: "ana-ruiz", Name: "Ana Ruiz", Kind: "person",
			Aliases: []string{"Mayor Ruiz", "Ana María Ruiz"}, Role: "Mayor of Northport", Wikidata: "Q42",
			Links: []string{"https://example.org/mayor", "https://example.org/ana"}, Image: "/img/ana.jpg",
			Params: map[string]any{"party": "independent"}},
		"port-authority": {Path: "content/entities/port-authority.md", ID: "port-authority", Name: "Northport Port Authority", Kind: "organization",
			Aliases: []string{"the port authority"}, Role: "Runs the harbor", Wikidata: "Q7",
			Links: []string{"https://example.org/port"}, Image: "https://example.org/port.png",
			Params: map[string]any{"founded": int64(1921)}},
		"somewhere": {Path: "content/entities/somewhere.md", ID: "somewhere", Name: "Somewhere", Kind: "other", Params: map[string]any{}},
	}
	if len(s.Entities) != len(want) {
		t.Fatalf("loaded %d entities, want %d", len(s.Entities), len(want))
	}
	for _, e := range s.Entities {
		w, ok := want[e.ID]
		if !ok {
			t.Errorf("unexpected entity %q", e.ID)
			continue
		}
		if s.ByID[e.ID] != e {
			t.Errorf("ByID[%q] is not the loaded entity", e.ID)
		}
		got := *e
		got.Body, got.Line = nil, 0
		if !reflect.DeepEqual(got, w) {
			t.Errorf("entity %s:\n got %+v\nwant %+v", e.ID, got, w)
		}
	}
	if body := string(s.ByID["ana-ruiz"].Body); !strings.Contains(body, "Ana Ruiz is the mayor of Northport.\n\nShe was elected") {
		t.Errorf("ana-ruiz body = %q", body)
	}
}

// TestLoadSectionsAndSlugs checks that the first folder under articles/ is
// the section, that deeper folders do not change it, that section and slug
// in front matter override folder and file name, and that the order is
// newest first.
func TestLoadSectionsAndSlugs(t *testing.T) {
	s := loadClean(t, `
-- content/articles/city/a.md --
---
title: A
date: 2025-01-01
---
-- content/articles/city/council/b.md --
---
title: B
date: 2025-01-02
---
-- content/articles/c.md --
---
title: C
date: 2025-01-03
---
-- content/articles/city/d.md --
---
title: D
date: 2025-01-04
section: business
slug: dee
---
-- content/articles/city/_draft-notes.md --
not an article: names starting with _ are skipped
`, false)
	type row struct{ path, section, slug, url string }
	var got []row
	for _, a := range s.Articles {
		got = append(got, row{a.Path, a.Section, a.Slug, a.URL})
	}
	want := []row{
		{"content/articles/city/d.md", "business", "dee", "/articles/business/dee/"},
		{"content/articles/c.md", "", "c", "/articles/c/"},
		{"content/articles/city/council/b.md", "city", "b", "/articles/city/b/"},
		{"content/articles/city/a.md", "city", "a", "/articles/city/a/"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("articles:\n got %v\nwant %v", got, want)
	}
}

// TestLoadDrafts checks that a draft is loaded only when drafts are asked for.
func TestLoadDrafts(t *testing.T) {
	const archive = `
-- content/articles/city/out.md --
---
title: Published
date: 2025-01-01
---
-- content/articles/city/wip.md --
---
title: Work in progress
date: 2025-01-02
draft: true
---
`
	for _, drafts := range []bool{false, true} {
		s := loadClean(t, archive, drafts)
		var titles []string
		for _, a := range s.Articles {
			titles = append(titles, a.Title)
		}
		want := []string{"Published"}
		if drafts {
			want = []string{"Work in progress", "Published"}
		}
		if !reflect.DeepEqual(titles, want) {
			t.Errorf("drafts=%v: articles %q, want %q", drafts, titles, want)
		}
	}
}

// TestLoadConfig checks byline.toml: known keys typed, base_url normalized,
// unknown keys kept as params.
func TestLoadConfig(t *testing.T) {
	s := loadClean(t, `
-- byline.toml --
title = "Northport Ledger"
description = "News from the harbor"
base_url = "https://example.org/news"
language = "fr"
output = "dist"
page_size = 2
feed_size = 5
raw_html = true
motto = "Facts first"
`, false)
	c := s.Config
	want := content.Config{Title: "Northport Ledger", Description: "News from the harbor", BaseURL: "https://example.org/news/",
		Language: "fr", Output: "dist", PageSize: 2, FeedSize: 5, RawHTML: true, Params: map[string]any{"motto": "Facts first"}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("config:\n got %+v\nwant %+v", c, want)
	}
}
