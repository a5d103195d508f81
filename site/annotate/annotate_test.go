package annotate_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/bylinehq/byline/site/annotate"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
)

// testEntities is a small knowledge base: id, kind, name, aliases.
var testEntities = []struct{ id, kind, name, aliases string }{
	{"ana-ruiz", "person", "Ana Ruiz", "Mayor Ruiz"},
	{"daniel-okafor", "person", "Daniel Okafor", ""},
	{"northport", "place", "Northport", ""},
	{"port-authority", "organization", "Northport Port Authority", "the port authority, NPA"},
	{"coop", "organization", "Fishermen's Cooperative", "the co-op"},
	{"bay-one", "place", "Calder Bay", "the bay"},
	{"bay-two", "place", "Mirror Bay", "the bay"},
}

func index(t testing.TB) *annotate.Index {
	t.Helper()
	var es []*content.Entity
	for _, e := range testEntities {
		src := fmt.Sprintf("---\nname: %q\nkind: %s\naliases: [%s]\n---\n%s is here.\n", e.name, e.kind, e.aliases, e.name)
		var diags diag.List
		ent := content.ParseEntity("content/entities/"+e.id+".md", e.id, []byte(src), &diags)
		if len(diags) > 0 || ent == nil {
			t.Fatalf("entity %s: %v", e.id, diags)
		}
		es = append(es, ent)
	}
	return annotate.NewIndex(es)
}

// annotateBody annotates an article with the given front matter lines and
// body, and returns the result and the rendered HTML.
func annotateBody(t *testing.T, front, body string) (*annotate.Result, string) {
	t.Helper()
	src := "---\ntitle: T\ndate: 2025-01-02\n" + front + "---\n" + body
	var diags diag.List
	a := content.ParseArticle("content/articles/city/t.md", "city/t.md", []byte(src), &diags)
	if len(diags) > 0 {
		t.Fatalf("parse: %v", diags)
	}
	md := markdown.New(markdown.Options{})
	doc := md.Parser().Parse(text.NewReader(a.Body))
	r := index(t).Annotate(a, doc)
	var html bytes.Buffer
	if err := md.Renderer().Render(&html, a.Body, doc); err != nil {
		t.Fatal(err)
	}
	return r, html.String()
}

func counts(r *annotate.Result) string {
	var parts []string
	for _, m := range r.Mentions {
		parts = append(parts, fmt.Sprintf("%s=%d", m.ID, m.Count))
	}
	return strings.Join(parts, " ")
}

func TestMentions(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"name then surname", "Ana Ruiz spoke. Later Ruiz left.", "ana-ruiz=2"},
		{"possessive straight and curly", "Ana Ruiz's plan. Ruiz’s aide. Ruiz' car.", "ana-ruiz=3"},
		{"longest match first", "The Northport Port Authority met in Northport.", "port-authority=1 northport=1"},
		{"alias opening a sentence", "The port authority agreed. NPA staff too.", "port-authority=2"},
		{"whole words only", "Anarchy in Northportland and Ruizes.", ""},
		{"not in code, links or headings", "# Ana Ruiz\n\n`Ana Ruiz` and [Ana Ruiz](/x/) but Daniel Okafor.", "daniel-okafor=1"},
		{"name split by a change", "Mayor Ana {~~Ruis~>Ruiz~~} spoke.", "ana-ruiz=1"},
		{"name split by emphasis", "Ana *Ruiz* spoke.", "ana-ruiz=1"},
		{"name over a line break", "We met Ana\nRuiz today.", "ana-ruiz=1"},
		{"curly apostrophe in a name", "The Fishermen's Cooperative met.", "coop=1"},
		{"shared alias is not linked", "Boats crossed the bay.", ""},
		{"explicit mentions", "[[ana-ruiz|The mayor]] met [[daniel-okafor]].", "ana-ruiz=1 daniel-okafor=1"},
		{"lowercase common word does not match a name", "a northport wind", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, html := annotateBody(t, "corrections: [{date: 2025-01-03, text: Fixed a name.}]\n", tc.body)
			if got := counts(r); got != tc.want {
				t.Errorf("mentions = %q, want %q\nhtml: %s", got, tc.want, html)
			}
			if errs := r.Diags.Errors(); len(errs) > 0 {
				t.Errorf("errors: %v", errs)
			}
		})
	}
}

func TestFirstMentionLinked(t *testing.T) {
	_, html := annotateBody(t, "corrections: [{date: 2025-01-03, text: Fixed a name.}]\n", "Mayor Ana {~~Ruis~>Ruiz~~} spoke. Ruiz left. [[ana-ruiz|The mayor]] returned.\n")
	if n := strings.Count(html, `href="/entities/ana-ruiz/"`); n != 1 {
		t.Errorf("%d links to ana-ruiz, want 1:\n%s", n, html)
	}
	want := `<a class="entity" href="/entities/ana-ruiz/" data-entity="ana-ruiz">Ana <ins class="change" id="change-1">Ruiz</ins></a><a class="change-mark"`
	if !strings.Contains(html, want) {
		t.Errorf("linked name with change: want %s in\n%s", want, html)
	}
}

func TestExplicitMentionUnknownID(t *testing.T) {
	r, _ := annotateBody(t, "", "First line.\n\nSee [[nobody]] here.\n")
	errs := r.Diags.Errors()
	if len(errs) != 1 || errs[0].Line != 7 || errs[0].Col != 5 || !strings.Contains(errs[0].Msg, `"nobody"`) {
		t.Errorf("diags = %v, want one error at line 7 col 5", errs)
	}
}

func TestSharedAliasReported(t *testing.T) {
	x := index(t)
	if len(x.Shared) != 2 || !strings.Contains(x.Shared[0].Msg, `"the bay"`) {
		t.Errorf("Shared = %v, want the bay reported for both entities", x.Shared)
	}
}

func TestQuotesFound(t *testing.T) {
	body := "\"We will build it,\" Ana Ruiz said. \"It's time. The 'old wall' failed.\"\n\n" +
		"Okafor wrote: “Costs rose.”\n\n" +
		"\"This paragraph goes on\n\n" +
		"\"and ends here,\" he said.\n"
	r, html := annotateBody(t, "", body)
	var got []string
	for _, q := range r.Quotes {
		got = append(got, fmt.Sprintf("%d:%s", q.N, q.Text))
	}
	want := []string{
		"1:We will build it",
		"2:It’s time. The ‘old wall’ failed.",
		"3:Costs rose.",
		"4:This paragraph goes on",
		"5:and ends here",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("quotes:\n got %q\nwant %q", got, want)
	}
	for n := 1; n <= 5; n++ {
		if !strings.Contains(html, fmt.Sprintf(`href="#quote-%d" id="quote-ref-%d"`, n, n)) {
			t.Errorf("no mark for quote %d in %s", n, html)
		}
	}
}

func TestQuoteFrontMatterWins(t *testing.T) {
	front := "quotes:\n  - match: \"we will\"\n    speaker: daniel-okafor\n    source: https://example.org/v\n  - match: nothing like this\n    speaker: ana-ruiz\n"
	r, _ := annotateBody(t, front, "\"We will build it,\" Ana Ruiz said.\n")
	if q := r.Quotes[0]; q.Speaker != "daniel-okafor" || q.Inferred || q.Source != "https://example.org/v" {
		t.Errorf("quote = %+v, want the front matter's speaker and source", q)
	}
	warns := r.Diags.Warnings()
	if len(warns) != 1 || warns[0].Line != 8 || !strings.Contains(warns[0].Msg, "matches no quote") {
		t.Errorf("warnings = %v, want the unmatched entry at line 8", warns)
	}
}

func TestChanges(t *testing.T) {
	front := "corrections:\n  - date: 2025-01-03\n    text: An earlier version misspelled Okafor.\n  - date: 2025-01-05\n    kind: clarification\n    text: We added context.\n"
	body := "Daniel {~~Okafour~>Okafor~~} spoke.{>>check this<<} The vote was {--not --}close.{++ It passed.++} {==Key==}.\n"
	r, html := annotateBody(t, front, body)
	if strings.Contains(html, "check this") {
		t.Errorf("editor's comment reached the HTML: %s", html)
	}
	if !strings.Contains(html, "<mark>Key</mark>") {
		t.Errorf("highlight missing: %s", html)
	}
	if len(r.Corrections) != 2 {
		t.Fatalf("corrections = %+v", r.Corrections)
	}
	c0, c1 := r.Corrections[0].Changes, r.Corrections[1].Changes
	if len(c0) != 1 || c0[0].Old != "Okafour" || c0[0].New != "Okafor" {
		t.Errorf("first correction's changes = %+v, want the Okafour fix", c0)
	}
	if len(c1) != 2 || c1[0].Kind != "deletion" || c1[0].Old != "not " || c1[1].Kind != "insertion" || c1[1].New != " It passed." {
		t.Errorf("latest correction's changes = %+v, want the deletion and insertion", c1)
	}
	if !strings.Contains(html, `href="#correction-1"`) || !strings.Contains(html, `href="#correction-2"`) {
		t.Errorf("change marks do not link to their corrections: %s", html)
	}
}

func TestChangesNeedACorrection(t *testing.T) {
	r, _ := annotateBody(t, "", "Fine text.\n\nThe vote was {~~7-2~>6-3~~}.\n")
	errs := r.Diags.Errors()
	if len(errs) != 1 || errs[0].Line != 7 || errs[0].Col != 14 || !strings.Contains(errs[0].Msg, "corrections") {
		t.Errorf("errors = %v, want one at 7:14 about corrections", errs)
	}
}

// TestQuoteMarkNeverInsideALinkOrCode guards against nested anchors and a
// renderer panic: a quote closing inside a link, an explicit mention or a
// code span gets its mark after that element.
func TestQuoteMarkNeverInsideALinkOrCode(t *testing.T) {
	for _, body := range []string{
		"See [the “report”](/r/) today.",
		"[[ana-ruiz|“the boss”]] left.",
		"\"0`\"`0",
	} {
		_, html := annotateBody(t, "", body+"\n")
		if strings.Contains(html, "</a></sup></a>") || strings.Contains(html, "<code>0<sup") {
			t.Errorf("%s: mark inside an element:\n%s", body, html)
		}
	}
	_, html := annotateBody(t, "", "See [the “report”](/r/) today.\n")
	if !strings.Contains(html, `report”</a><sup class="quote-ref">`) {
		t.Errorf("mark not right after the link:\n%s", html)
	}
}

// TestChangeInsideALink puts the change's mark after the link.
func TestChangeInsideALink(t *testing.T) {
	front := "corrections: [{date: 2025-01-03, text: Fixed the report's title.}]\n"
	_, html := annotateBody(t, front, "Read [the {~~old~>new~~} report](/r/).\n")
	want := `<a href="/r/">the <ins class="change" id="change-1">new</ins> report</a><a class="change-mark" href="#correction-1"`
	if !strings.Contains(html, want) {
		t.Errorf("want %s in\n%s", want, html)
	}
}

// TestChangesOverLines reads CriticMarkup that a hard-wrapped paragraph
// splits over lines, and leaves an unclosed one as text.
func TestChangesOverLines(t *testing.T) {
	front := "corrections: [{date: 2025-01-03, text: We fixed the vote count.}]\n"
	body := "The council voted {~~seven to\ntwo~>six to\nthree~~} on Tuesday, {--after a long\ndebate--}.\n\nAn {++open\n\nmark stays text.\n"
	r, html := annotateBody(t, front, body)
	ch := r.Corrections[0].Changes
	if len(ch) != 2 || ch[0].Old != "seven to two" || ch[0].New != "six to three" || ch[1].Old != "after a long debate" {
		t.Fatalf("changes = %+v", ch)
	}
	if !strings.Contains(html, "<ins class=\"change\" id=\"change-1\">six to\nthree</ins>") {
		t.Errorf("new text not shown:\n%s", html)
	}
	if strings.Contains(html, "seven") || strings.Contains(html, "long") {
		t.Errorf("old text reached readers:\n%s", html)
	}
	if !strings.Contains(html, "{++open") {
		t.Errorf("an unclosed mark should stay text:\n%s", html)
	}
}

// TestExplicitMentionOverLines reads [[id|shown text]] split over lines.
func TestExplicitMentionOverLines(t *testing.T) {
	r, html := annotateBody(t, "", "We met [[ana-ruiz|the\nmayor]] today.\n")
	if counts(r) != "ana-ruiz=1" {
		t.Errorf("mentions = %q", counts(r))
	}
	if !strings.Contains(html, `data-entity="ana-ruiz">the`+"\n"+`mayor</a>`) {
		t.Errorf("html:\n%s", html)
	}
}

// TestHTMLEntities reads entities as the characters readers see: quotes
// written as &ldquo;…&rdquo; are quotes, and a name with an entity in it
// is a name.
func TestHTMLEntities(t *testing.T) {
	r, html := annotateBody(t, "", "&ldquo;We will build it,&rdquo; Ana Ruiz said. &#8220;Soon.&#8221;\n\nThe Fishermen&#39;s Cooperative &amp; the co-op agreed.\n")
	var got []string
	for _, q := range r.Quotes {
		got = append(got, q.Text+"="+q.Speaker)
	}
	if strings.Join(got, "|") != "We will build it=ana-ruiz|Soon.=ana-ruiz" {
		t.Errorf("quotes = %q", got)
	}
	if r.Quotes[0].Line != 5 || r.Quotes[0].Col != 1 {
		t.Errorf("quote 1 at %d:%d, want 5:1", r.Quotes[0].Line, r.Quotes[0].Col)
	}
	if counts(r) != "ana-ruiz=1 coop=2" {
		t.Errorf("mentions = %q", counts(r))
	}
	if !strings.Contains(html, `it,”<sup class="quote-ref"><a href="#quote-1"`) {
		t.Errorf("mark not after the closing entity:\n%s", html)
	}
}

// TestQuoteDates gives every quote a date: its entry's, else the article's.
func TestQuoteDates(t *testing.T) {
	front := "quotes:\n  - match: \"we will\"\n    speaker: ana-ruiz\n    date: 2024-12-30\n"
	r, _ := annotateBody(t, front, "\"We will,\" Ana Ruiz said. \"Soon.\"\n")
	if got := r.Quotes[0].Date.Format("2006-01-02"); got != "2024-12-30" {
		t.Errorf("quote 1 date = %s, want the entry's", got)
	}
	if got := r.Quotes[1].Date.Format("2006-01-02"); got != "2025-01-02" {
		t.Errorf("quote 2 date = %s, want the article's", got)
	}
}
