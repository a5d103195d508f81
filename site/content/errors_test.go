package content_test

import (
	"strings"
	"testing"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
)

// TestLoadErrors checks that each kind of bad front matter is reported at
// the line and column it was written at, with a message that says what is wrong.
func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string // each a diagnostic's prefix "path:line:col: " plus a substring
	}{
		{"malformed YAML", `---
title: Fine
date: 2025-01-01
tags: [one, two
summary: never closed
---
`, []string{"content/articles/x.md:4:1: invalid YAML front matter: did not find expected ',' or ']'"}},
		{"YAML block item in a mapping", `---
title: Fine
date: 2025-01-01
- stray item
---
`, []string{"content/articles/x.md:4:1: invalid YAML front matter: did not find expected key"}},
		{"YAML mapping value where none is allowed", `---
title: Fine
date: 2025-01-01
summary: a: b
---
`, []string{"content/articles/x.md:4:1: invalid YAML front matter: mapping values are not allowed"}},
		{"YAML alias inside its own anchor", `---
title: Fine
date: 2025-01-01
loop: &a [1, *a]
---
`, []string{"content/articles/x.md:4:14: invalid YAML front matter: alias *a refers to a value that contains it"}},
		{"YAML aliases expanding without bound", `---
title: Fine
date: 2025-01-01
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
---
`, []string{"invalid YAML front matter: more than"}},
		{"malformed TOML", `+++
title = "Fine"
date = 2025-01-01
tags = ["one" "two"]
+++
`, []string{"content/articles/x.md:4:", "invalid TOML front matter"}},
		{"bad date", `---
title: Fine
date: 2025-13-45
---
`, []string{"content/articles/x.md:3:7: date: bad date \"2025-13-45\""}},
		{"bad updated", `---
title: Fine
date: 2025-01-01
updated: next tuesday
---
`, []string{"content/articles/x.md:4:10: updated: bad date"}},
		{"tags a number", `---
title: Fine
date: 2025-01-01
tags: 5
---
`, []string{"content/articles/x.md:4:7: tags must be a list of strings, not a number"}},
		{"draft a string", `---
title: Fine
date: 2025-01-01
draft: "yes"
---
`, []string{"content/articles/x.md:4:8: draft must be true or false, not a string"}},
		{"draft a string in TOML", `+++
title = "Fine"
date = 2025-01-01
draft = "yes"
+++
`, []string{"content/articles/x.md:4:", "draft must be true or false, not a string"}},
		{"slug with ..", `---
title: Fine
date: 2025-01-01
slug: ../x
---
`, []string{"content/articles/x.md:4:7: slug \"../x\""}},
		{"slug with a slash", `---
title: Fine
date: 2025-01-01
slug: a/b
---
`, []string{"content/articles/x.md:4:7: slug \"a/b\""}},
		{"absolute slug", `---
title: Fine
date: 2025-01-01
slug: /abs
---
`, []string{"content/articles/x.md:4:7: slug \"/abs\""}},
		{"slug ..", `---
title: Fine
date: 2025-01-01
slug: ..
---
`, []string{"content/articles/x.md:4:7: slug \"..\""}},
		{"section with a slash", `---
title: Fine
date: 2025-01-01
section: ../../etc
---
`, []string{"content/articles/x.md:4:10: section \"../../etc\""}},
		{"missing title", `---
date: 2025-01-01
---
`, []string{"content/articles/x.md:1:1: missing title"}},
		{"missing date", `---
title: Fine
---
`, []string{"content/articles/x.md:1:1: missing date"}},
		{"no front matter", "Just text.\n", []string{"content/articles/x.md:1:1: missing front matter"}},
		{"unclosed front matter", "---\ntitle: Fine\n", []string{"content/articles/x.md:1:1: front matter is not closed"}},
		{"bad correction kind", `---
title: Fine
date: 2025-01-01
corrections:
  - date: 2025-01-02
    text: Fixed.
    kind: erratum
---
`, []string{"content/articles/x.md:7:11: correction kind must be correction or clarification"}},
		{"correction without date", `---
title: Fine
date: 2025-01-01
corrections:
  - text: Fixed.
---
`, []string{"content/articles/x.md:5:5: correction has no date"}},
		{"two problems in one file", `---
title: Fine
date: yesterday
tags: 5
---
`, []string{"content/articles/x.md:3:7: date: bad date", "content/articles/x.md:4:7: tags must be"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := loadTxtar(t, "-- content/articles/x.md --\n"+tc.file, false)
			checkDiags(t, diags, tc.want)
		})
	}
}

// TestLoadEntityErrors checks problems in entity files.
func TestLoadEntityErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"missing name", "---\nkind: person\n---\n", []string{"content/entities/x.md:1:1: missing name"}},
		{"bad kind", "---\nname: X\nkind: robot\n---\n", []string{"content/entities/x.md:3:7: kind must be one of"}},
		{"bad wikidata", "---\nname: X\nwikidata: https://wikidata.org/Q1\n---\n", []string{"content/entities/x.md:3:11: wikidata must be an id"}},
		{"aliases a map", "---\nname: X\naliases: {a: b}\n---\n", []string{"content/entities/x.md:3:10: aliases must be a list of strings, not a map"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := loadTxtar(t, "-- content/entities/x.md --\n"+tc.file, false)
			checkDiags(t, diags, tc.want)
		})
	}
}

// TestLoadReportsEveryFile checks that one load reports the problems of
// every broken file, not just the first.
func TestLoadReportsEveryFile(t *testing.T) {
	_, diags := loadTxtar(t, `
-- content/articles/a.md --
---
title: [unclosed
date: 2025-01-01
---
-- content/articles/b.md --
+++
title = 
+++
-- content/articles/c.md --
---
title: Fine
date: 2025-02-30
---
-- content/articles/ok.md --
---
title: Fine
date: 2025-01-01
---
-- content/entities/e.md --
---
kind: person
---
`, false)
	checkDiags(t, diags, []string{
		"content/articles/a.md:", "content/articles/b.md:", "content/articles/c.md:3:7: date: bad date",
		"content/entities/e.md:1:1: missing name",
	})
	if len(diags) != 4 {
		t.Errorf("got %d diagnostics, want 4:\n%v", len(diags), (&diag.Error{List: diags}).Error())
	}
}

// TestLoadDuplicateURL checks that two articles claiming one URL are reported.
func TestLoadDuplicateURL(t *testing.T) {
	_, diags := loadTxtar(t, `
-- content/articles/city/a.md --
---
title: A
date: 2025-01-01
slug: same
---
-- content/articles/city/same.md --
---
title: B
date: 2025-01-01
---
`, false)
	checkDiags(t, diags, []string{"content/articles/city/same.md:1:1: article URL /articles/city/same/ is also the URL of content/articles/city/a.md"})
}

// checkDiags checks that every want string is found in the diagnostics:
// a string ending in ": " or a digit must prefix one, and any other string
// must be contained in one (so a want may be a prefix, a message, or both).
func checkDiags(t *testing.T, diags diag.List, want []string) {
	t.Helper()
	var all []string
	for _, d := range diags {
		all = append(all, d.String())
	}
	if len(diags.Errors()) == 0 {
		t.Errorf("no errors reported; want %q", want)
	}
	for _, w := range want {
		found := false
		for _, s := range all {
			if strings.HasPrefix(s, w) || strings.Contains(s, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no diagnostic matching %q in:\n%s", w, strings.Join(all, "\n"))
		}
	}
}

var _ = content.Load
