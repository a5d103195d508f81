package annotate_test

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
)

// FuzzAnnotate runs any article body through parse, annotate and render:
// no input may panic.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"\"We will,\" Ana Ruiz said. Ruiz’s plan.",
		"Mayor Ana {~~Ruis~>Ruiz~~} spoke. {--x--}{++y++}{>>n<<}{==h==}",
		"[[ana-ruiz|the mayor]] and [[nobody]] and [[|]] [[",
		"“Open\n\n“continued,” he said. \"a 'b' c\"",
		"*Ana* **Ruiz** `Ana Ruiz` [Ana Ruiz](/x/) # Ana Ruiz\n\n| a | Ana Ruiz |\n|---|---|\n| \"q\" | x |",
		"{~~a~>b~~}{~~~>~~}{~~Ana Ruiz~>~~}",
		"&ldquo;x,&rdquo; Ana&#32;Ruiz said. Jos&eacute; &amp; [[ana-ruiz|&ldquo;y&rdquo;]] `&quot;a&quot;` &#8220;z",
	} {
		f.Add(s)
	}
	x := index(f)
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, body string) {
		src := "---\ntitle: T\ndate: 2025-01-02\ncorrections: [{date: 2025-01-03, text: x}]\n---\n" + body
		var diags diag.List
		a := content.ParseArticle("a.md", "city/a.md", []byte(src), &diags)
		if a == nil {
			return
		}
		doc := md.Parser().Parse(text.NewReader(a.Body))
		r := x.Annotate(a, doc)
		var out bytes.Buffer
		if err := md.Renderer().Render(&out, a.Body, doc); err != nil {
			t.Fatal(err)
		}
		for _, q := range r.Quotes {
			if q.N < 1 {
				t.Fatalf("quote numbered %d", q.N)
			}
		}
	})
}
