package serve

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	byline "github.com/bylinehq/byline"
)

// people and orgs are the entities generated sites draw on.
var people = []struct{ id, name, alias string }{
	{"ana-ruiz", "Ana Ruiz", "the mayor"},
	{"daniel-okafor", "Daniel Okafor", ""},
	{"mira-lindqvist", "Mira Lindqvist", "Dr. Lindqvist"},
	{"tomasz-wierzbicki", "Tomasz Wierzbicki", ""},
	{"port-authority", "Northport Port Authority", "the port authority"},
	{"city-council", "City Council", "the council"},
	{"gull-island", "Gull Island", ""},
	{"keiko-brandt", "Keiko Brandt", ""},
}

var sections = []string{"city", "business", "science"}
var tags = []string{"harbor", "budget", "climate", "ferry", "schools"}

// gen writes the files of generated sites.
type gen struct {
	t      testing.TB
	dir    string
	rnd    *rand.Rand
	broken map[string]func() // files made bad on purpose, and how to fix each
}

func (g *gen) write(rel, text string) {
	g.t.Helper()
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		g.t.Fatal(err)
	}
}

func (g *gen) entity(i int, role string) string {
	e := people[i]
	kind := "person"
	if i >= 4 && i < 6 {
		kind = "organization"
	} else if i == 6 {
		kind = "place"
	}
	aliases := "[]"
	if e.alias != "" {
		aliases = fmt.Sprintf("[%q]", e.alias)
	}
	return fmt.Sprintf("---\nname: %s\nkind: %s\naliases: %s\nrole: %q\n---\n\n%s is %s. More about them here.\n",
		e.name, kind, aliases, role, e.name, strings.ToLower(role))
}

// article is an article's text: front matter, and paragraphs that name
// entities, quote them and sometimes carry a correction.
func (g *gen) article(n int, title string) string {
	r := g.rnd
	var fm strings.Builder
	fmt.Fprintf(&fm, "---\ntitle: %q\ndate: 2025-%02d-%02d\n", title, 1+r.IntN(12), 1+r.IntN(28))
	fmt.Fprintf(&fm, "authors: [\"Reporter %d\"]\nsummary: \"Summary of story %d.\"\n", r.IntN(3), n)
	fmt.Fprintf(&fm, "tags: [%s, %s]\n", tags[r.IntN(len(tags))], tags[r.IntN(len(tags))])
	body := &strings.Builder{}
	corrected := r.IntN(5) == 0
	if corrected {
		fmt.Fprintf(&fm, "corrections:\n  - date: 2025-12-%02d\n    text: \"An earlier version misstated a figure.\"\n", 1+r.IntN(28))
	}
	if r.IntN(8) == 0 {
		fm.WriteString("draft: true\n")
	}
	fm.WriteString("---\n\n")
	for p := range 2 + r.IntN(3) {
		a, b := people[r.IntN(len(people))], people[r.IntN(len(people))]
		fmt.Fprintf(body, "Paragraph %d of story %d: %s met %s on %d points. ", p, n, a.name, b.name, r.IntN(100))
		if r.IntN(2) == 0 {
			fmt.Fprintf(body, "“We will see %d more,” %s said.", r.IntN(50), a.name)
		}
		body.WriteString("\n\n")
	}
	if corrected {
		body.WriteString("The vote was {~~7-2~>6-3~~} in favor.\n")
	}
	return fm.String() + body.String()
}

const baseTemplateNote = "<!-- site override -->"

// site writes a whole site: entities, articles in sections, a config.
func (g *gen) site(articles int) {
	for i := range people {
		g.write("content/entities/"+people[i].id+".md", g.entity(i, fmt.Sprintf("Role %d", i)))
	}
	for n := range articles {
		sec := sections[n%len(sections)]
		g.write(fmt.Sprintf("content/articles/%s/story-%d.md", sec, n), g.article(n, fmt.Sprintf("Story %d", n)))
	}
	g.write("byline.toml", "title = \"Gen Gazette\"\npage_size = 3\nfeed_size = 4\n")
	g.write("static/img/logo.txt", "logo\n")
}

// theme reads a file of the default theme.
func theme(name string) string {
	b, err := fs.ReadFile(byline.Theme, name)
	if err != nil {
		panic(err)
	}
	return string(b)
}
