package annotate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/bylinehq/byline/site/annotate"
	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/markdown"
)

// TestSpeakerAccuracy measures speaker inference on the labelled corpus in
// testdata/speakers: labels.tsv names, for each quote of each article by
// its opening words, the speaker a careful reader would name, or NONE.
func TestSpeakerAccuracy(t *testing.T) {
	dir := filepath.Join("testdata", "speakers")
	labels, err := os.ReadFile(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		t.Skipf("no labelled corpus: %v", err)
	}
	s, diags := content.Load(context.Background(), os.DirFS(dir), false)
	if s == nil {
		t.Fatalf("loading corpus: %v", diags)
	}
	x := annotate.NewIndex(s.Entities)
	md := markdown.New(markdown.Options{})
	quotes := map[string][]annotate.Quote{}
	for _, a := range s.Articles {
		doc := md.Parser().Parse(text.NewReader(a.Body))
		quotes[articleKey(a.Path)] = x.Annotate(a, doc).Quotes
	}

	var labelled, matched, correct, said, saidRight, named int
	var misses []string
	for i, line := range strings.Split(string(labels), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 3 || strings.TrimSpace(line) == "" {
			continue
		}
		article, opening, want := strings.TrimSpace(f[0]), f[1], strings.TrimSpace(f[2])
		if want == "NONE" {
			want = ""
		} else {
			named++
		}
		labelled++
		q, ok := findQuote(quotes[articleKey(article)], opening)
		if !ok {
			misses = append(misses, fmt.Sprintf("%s: no quote opens %q", article, opening))
			continue
		}
		matched++
		if q.Speaker != "" {
			said++
		}
		if q.Speaker == want {
			correct++
			if want != "" {
				saidRight++
			}
			continue
		}
		misses = append(misses, fmt.Sprintf("%s: %q: got %q, want %q", article, clip(q.Text, 60), q.Speaker, want))
	}
	if labelled == 0 {
		t.Fatal("labels.tsv has no labels")
	}
	accuracy := float64(correct) / float64(labelled)
	precision := float64(saidRight) / float64(max(said, 1))
	recall := float64(saidRight) / float64(max(named, 1))
	t.Logf("%d labels, %d matched a quote: accuracy %.3f, precision %.3f, recall %.3f", labelled, matched, accuracy, precision, recall)
	if accuracy < 0.90 || matched < 60 || testing.Verbose() {
		for _, m := range misses {
			t.Log(m)
		}
	}
	if accuracy < 0.90 {
		t.Errorf("accuracy %.3f, want at least 0.90", accuracy)
	}
	if matched < 60 {
		t.Errorf("only %d labels matched a quote, want at least 60", matched)
	}
}

// articleKey is an article's path below content/articles.
func articleKey(p string) string {
	p = filepath.ToSlash(p)
	if i := strings.Index(p, "articles/"); i >= 0 {
		p = p[i+len("articles/"):]
	}
	return strings.TrimPrefix(p, "/")
}

// findQuote returns the first quote that opens with the given words.
func findQuote(qs []annotate.Quote, opening string) (annotate.Quote, bool) {
	o := normQuote(opening)
	for _, q := range qs {
		if o != "" && strings.HasPrefix(normQuote(q.Text), o) {
			return q, true
		}
	}
	return annotate.Quote{}, false
}

func normQuote(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "", "”", "", "\"", "").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
