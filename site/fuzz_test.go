package site_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/bylinehq/byline/site"
)

type discardOutput struct{}

func (discardOutput) Write(string, []byte) error { return nil }

// FuzzGenerate builds a site of one entity and one article whose file is
// the fuzz input: no input may panic.
func FuzzGenerate(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\ndate: 2025-01-02\n---\n\"We will,\" Ana Ruiz said.\n",
		"+++\ntitle = \"T\"\ndate = 2025-01-02\ntags = [\"a b\", \"???\"]\n+++\n[[ana-ruiz]] {~~a~>b~~}\n",
		"---\ntitle: T\ndate: 2025-01-02\nslug: ../x\ncorrections: [{date: 2025-01-03, text: x}]\nquotes: [{match: we, speaker: nobody}]\n---\n`\"x\"` [“a”](/b/)\n",
		"---\n: : :\n---\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, article string) {
		fsys := fstest.MapFS{
			"content/entities/ana-ruiz.md":  {Data: []byte("---\nname: Ana Ruiz\nkind: person\nrole: Mayor\n---\nThe mayor.\n")},
			"content/articles/city/post.md": {Data: []byte(article)},
		}
		site.Generate(context.Background(), fsys, true, "", "", discardOutput{})
	})
}
