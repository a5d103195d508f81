package content_test

import (
	"testing"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
)

// FuzzParseArticle checks that no article file, however broken, makes
// ParseArticle panic, and that what it returns is consistent: a parsed
// article keeps its path and gets a URL, and a nil one comes with an error.
func FuzzParseArticle(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: Port vote\ndate: 2025-03-04\ntags: [a, b]\n---\nBody with \"a quote,\" Ruiz said.\n",
		"+++\ntitle = \"Port vote\"\ndate = 2025-03-04\n[[corrections]]\ndate = 2025-03-05\ntext = \"x\"\n+++\nBody {~~old~>new~~}.\n",
		"---\ntitle: X\ndate: 2025-01-01\ncorrections:\n  - date: 2025-01-02\n    text: y\n    kind: clarification\nquotes:\n  - match: We\n    speaker: ana\n---\n",
		"---\ntitle: [unclosed\n---\n",
		"+++\ntitle = \n+++\n",
		"---\ntitle: X\ndate: 2025-01-01\nslug: ../x\nsection: a/b\ndraft: \"yes\"\ntags: 5\n---\n",
		"---\n- a list\n---\n",
		"---\n*anchor\n---\n",
		"\ufeff---\r\ntitle: X\r\ndate: 2025-01-01\r\n---\r\n",
		"---\n",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		a := content.ParseArticle("content/articles/city/x.md", "city/x.md", []byte(src), &diags)
		if a == nil {
			if len(diags.Errors()) == 0 {
				t.Fatalf("no article and no error for %q", src)
			}
			return
		}
		if a.Path != "content/articles/city/x.md" || a.URL == "" {
			t.Fatalf("article path %q, URL %q", a.Path, a.URL)
		}
		for _, d := range diags {
			if d.Path != a.Path || d.Line < 0 || d.Col < 0 {
				t.Fatalf("bad diagnostic position: %v", d)
			}
		}
	})
}
