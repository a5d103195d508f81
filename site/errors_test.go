package site_test

import (
	"testing"
)

// TestBuildReportsEveryProblem checks that one build reports the problem
// of every broken file, each at its own position, and nothing more.
func TestBuildReportsEveryProblem(t *testing.T) {
	diags := buildDiags(t, `
-- content/articles/city/a-yaml.md --
---
title: Fine
date: 2025-01-01
tags: [one, two
---
-- content/articles/city/b-toml.md --
+++
title = "Fine"
date = 2025-01-01
draft = "yes"
+++
-- content/articles/city/c-date.md --
---
title: Fine

date: 2025-02-30
---
-- content/articles/city/ok.md --
---
title: Fine
date: 2025-01-01
---
All good.
`)
	wantDiags(t, diags,
		"content/articles/city/a-yaml.md:4:1: invalid YAML front matter",
		"content/articles/city/b-toml.md:4:",
		"content/articles/city/c-date.md:4:7: date: bad date",
	)
	if len(diags) != 3 {
		t.Errorf("got %d diagnostics, want 3:\n%v", len(diags), diags)
	}
}

// TestBuildAnnotationErrors checks the errors found in article bodies.
func TestBuildAnnotationErrors(t *testing.T) {
	diags := buildDiags(t, `
-- content/entities/ana-ruiz.md --
---
name: Ana Ruiz
kind: person
---
The mayor.
-- content/articles/city/unknown.md --
---
title: Unknown id
date: 2025-01-01
entities: [ana-ruiz, nobody-at-all]
---
First paragraph.

Then [[ana-ruiz]] met [[ghost|someone]] here.
-- content/articles/city/changes.md --
---
title: Changes
date: 2025-01-01
---
The vote was
{~~5-2~>6-1~~} in favor.
-- content/articles/city/speaker.md --
---
title: Unknown speaker
date: 2025-01-01
quotes:
  - match: We will
    speaker: nobody
---
"We will build it," she said.
`)
	wantDiags(t, diags,
		`content/articles/city/unknown.md:8:23: unknown entity id "ghost"`,
		`content/articles/city/unknown.md:4:22: unknown entity id "nobody-at-all"`,
		"content/articles/city/changes.md:6:1: the text has 1 change(s) marked with CriticMarkup but no corrections entry",
		`content/articles/city/speaker.md:6:14: unknown entity id "nobody"`,
	)
}

// TestBuildTemplateErrors checks that errors in a site's templates name the
// template file and line: a parse error, and an error while executing.
func TestBuildTemplateErrors(t *testing.T) {
	diags := buildDiags(t, `
-- templates/list.html --
{{define "main"}}
<ul>
{{range .List.Articles}}<li>{{if}}{{.Title}}{{end}}</li>{{end}}
</ul>
{{end}}
-- content/articles/a.md --
---
title: A
date: 2025-01-01
---
`)
	wantDiags(t, diags, "templates/list.html:3:")
	if len(diags) != 1 {
		t.Errorf("got %d diagnostics, want 1:\n%v", len(diags), diags)
	}

	diags = buildDiags(t, `
-- templates/article.html --
{{define "main"}}
<h1>{{.Article.Title}}</h1>
<p>{{.Article.NoSuchField}}</p>
{{end}}
-- content/articles/a.md --
---
title: A
date: 2025-01-01
---
`)
	wantDiags(t, diags, "templates/article.html:3:", "NoSuchField")
}

// TestBuildReportsLoadAndBodyErrorsTogether checks that a build whose front
// matter has problems still reports the problems in article bodies, as
// byline check does: one run lists every problem.
func TestBuildReportsLoadAndBodyErrorsTogether(t *testing.T) {
	diags := buildDiags(t, `
-- content/articles/city/bad-date.md --
---
title: Bad date
date: 2025-02-30
---
-- content/articles/city/unknown.md --
---
title: Unknown entity
date: 2025-01-01
---
We met [[ghost]].
`)
	wantDiags(t, diags,
		"content/articles/city/bad-date.md:3:7: date: bad date",
		`content/articles/city/unknown.md:5:8: unknown entity id "ghost"`,
	)
}
