package annotate

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/diag"
)

// An Index holds the knowledge base as the annotate stage needs it: every
// name, alias and person's surname mapped to the entities it may refer to,
// compiled into one matcher. Build it once per set of entities; it is
// read-only afterwards and safe for concurrent use.
type Index struct {
	ByID     map[string]*content.Entity
	patterns []string
	owners   [][]string // entity ids per pattern; more than one means ambiguous
	implicit []bool     // the pattern is an inferred surname, not a written name or alias
	m        *matcher
	kb       *knowledge
	// Shared lists aliases written for more than one entity.
	Shared diag.List
}

// NewIndex compiles the entities' names, aliases and surnames.
func NewIndex(entities []*content.Entity) *Index {
	x := &Index{ByID: map[string]*content.Entity{}}
	byPattern := map[string]int{}
	var add func(name, id string, implicit bool)
	add = func(name, id string, implicit bool) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		key := strings.ToLower(name)
		if i, ok := byPattern[key]; ok {
			if !contains(x.owners[i], id) {
				if implicit != x.implicit[i] {
					// A written name or alias beats an inferred surname.
					if !implicit {
						x.patterns[i], x.owners[i], x.implicit[i] = name, []string{id}, false
					}
					return
				}
				x.owners[i] = append(x.owners[i], id)
			}
			return
		}
		byPattern[key] = len(x.patterns)
		x.patterns = append(x.patterns, name)
		x.owners = append(x.owners, []string{id})
		x.implicit = append(x.implicit, implicit)
		// Text after the typographer has curly apostrophes; match both.
		for _, alt := range []string{strings.ReplaceAll(name, "'", "’"), strings.ReplaceAll(name, "’", "'")} {
			if alt != name {
				add(alt, id, implicit)
			}
		}
	}
	sorted := append([]*content.Entity(nil), entities...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, e := range sorted {
		x.ByID[e.ID] = e
		add(e.Name, e.ID, false)
		for _, a := range e.Aliases {
			add(a, e.ID, false)
		}
	}
	for _, e := range sorted {
		if s := Surname(e); s != "" {
			add(s, e.ID, true)
		}
	}
	for i, owners := range x.owners {
		if _, straight := byPattern[strings.ToLower(strings.ReplaceAll(x.patterns[i], "’", "'"))]; straight && strings.Contains(x.patterns[i], "’") {
			continue // reported under the straight spelling
		}
		if len(owners) > 1 && !x.implicit[i] {
			for _, id := range owners {
				e := x.ByID[id]
				x.Shared.Warn(e.Path, e.Line, 1, "%q names both %s: it is not linked automatically; use [[id]]", x.patterns[i], strings.Join(owners, " and "))
			}
		}
	}
	x.m = newMatcher(x.patterns)
	x.kb = newKnowledge(x.ByID)
	return x
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var nameSuffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true}

// Surname is the last word of a person's name ("Ruiz" for "Ana Ruiz"), by
// which news copy refers to people after the first mention; "" for others.
func Surname(e *content.Entity) string {
	if e.Kind != "person" {
		return ""
	}
	words := strings.Fields(strings.TrimRight(e.Name, ","))
	for len(words) > 1 && nameSuffixes[strings.ToLower(strings.TrimRight(words[len(words)-1], ","))] {
		words = words[:len(words)-1]
	}
	if len(words) < 2 {
		return ""
	}
	last := strings.TrimRight(words[len(words)-1], ",")
	r, _ := utf8.DecodeRuneInString(last)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(last) < 2 {
		return ""
	}
	return last
}

// A found mention is one name occurrence in a block of text.
type found struct {
	start, end int
	id         string
}

// Find returns the mentions in text: whole words, a possessive allowed,
// leftmost-longest, ambiguous names skipped. skip reports byte ranges that
// must not be scanned (code, links).
func (x *Index) find(text []byte, skip func(start, end int) bool) []found {
	ms := x.m.find(text)
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].start != ms[j].start {
			return ms[i].start < ms[j].start
		}
		return ms[i].end > ms[j].end
	})
	var out []found
	last := 0
	for _, m := range ms {
		if m.start < last || !x.caseMatches(text[m.start:m.end], m.pat) || !wordBounded(text, m.start, m.end) {
			continue
		}
		if skip(m.start, m.end) {
			continue
		}
		// Longest first: an ambiguous name still hides the shorter names inside it.
		last = m.end
		if len(x.owners[m.pat]) == 1 {
			out = append(out, found{m.start, m.end, x.owners[m.pat][0]})
		}
	}
	return out
}

// caseMatches accepts the pattern as written, or with its first letter's
// case changed (an alias such as "the port authority" opening a sentence).
func (x *Index) caseMatches(got []byte, pat int) bool {
	want := x.patterns[pat]
	if string(got) == want {
		return true
	}
	if len(got) == 0 || lower(got[0]) != lower(want[0]) || string(got[1:]) != want[1:] {
		return false
	}
	// An all-lowercase alias may open a sentence capitalised, and a
	// capitalised name must not match a lowercase common word.
	return 'a' <= want[0] && want[0] <= 'z'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// wordBounded checks that text[start:end] is whole words; "Ruiz's",
// "Ruiz’s" and "Reyes'" count as whole.
func wordBounded(text []byte, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRune(text[:start])
		if isWordRune(r) || r == '-' {
			return false
		}
	}
	if end >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRune(text[end:])
	if !isWordRune(r) && r != '-' {
		return true
	}
	return false
}
