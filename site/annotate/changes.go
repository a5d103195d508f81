package annotate

import (
	"strings"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/markdown"
)

var changeKinds = map[markdown.ChangeKind]string{
	markdown.Substitution: "substitution",
	markdown.Deletion:     "deletion",
	markdown.Insertion:    "insertion",
}

// correct pairs each inline change with the correction it belongs to: the
// one whose text quotes the old or new words, else the latest one. Inline
// changes without any correction entry are an error.
func correct(a *content.Article, changes []*markdown.Change, pos func(int) (int, int), diags *diag.List) []Correction {
	out := make([]Correction, len(a.Corrections))
	latest := 0
	for i, c := range a.Corrections {
		out[i] = Correction{N: i + 1, Correction: c}
		if c.Date.After(a.Corrections[latest].Date) {
			latest = i
		}
	}
	if len(changes) > 0 && len(out) == 0 {
		line, col := pos(changes[0].Start)
		diags.Add(a.Path, line, col, "the text has %d change(s) marked with CriticMarkup but no corrections entry: add one to the front matter saying what was corrected", len(changes))
		return nil
	}
	for _, ch := range changes {
		c := Change{N: ch.N, Kind: changeKinds[ch.ChangeKind], Old: ch.Old, New: ch.New}
		k := latest
		for i, corr := range a.Corrections {
			t := strings.ToLower(corr.Text)
			if c.Old != "" && strings.Contains(t, strings.ToLower(c.Old)) || c.New != "" && strings.Contains(t, strings.ToLower(c.New)) {
				k = i
				break
			}
		}
		ch.Correction = k + 1
		out[k].Changes = append(out[k].Changes, c)
	}
	return out
}
