package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkArticlePage times rendering one article page of the demo with
// its template, the step a build repeats for every article.
func BenchmarkArticlePage(b *testing.B) {
	root, _ := filepath.Abs("..")
	g, diags := newGenerator(context.Background(), os.DirFS(root), false, "")
	if g == nil || diags.Err() != nil {
		b.Fatal(diags)
	}
	var a = g.site.Articles[0]
	for _, x := range g.site.Articles {
		if x.Slug == "seawall-bond-vote" {
			a = x
		}
	}
	d, body, err := g.annotateArticle(a)
	if err != nil {
		b.Fatal(err)
	}
	w := &pageWriter{g: g, out: discard{}}
	b.ResetTimer()
	for b.Loop() {
		w.page(a.URL, g.articlePage(d, body))
	}
}
