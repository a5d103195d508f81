package annotate

// This file reads the attribution in a quote's own sentence: a speech
// verb with its subject before or after the quote.

import (
	"strings"
	"unicode"

	"github.com/bylinehq/byline/site/content"
)

// attribute reads the sentence ws (the para's sentence si) around quote qi.
func (in *inference) attribute(pi, qi int, ws []word, ranges [][2]int, si int) (int, string) {
	p := &in.paras[pi]
	q := p.quotes[qi]
	k := 0
	for k < len(ws) && !(ws[k].quote && ws[k].start == q.open) {
		k++
	}
	if k == len(ws) {
		return unattributed, ""
	}
	before, after := ws[:k], ws[k+1:]
	for j, w := range after {
		if w.quote {
			after = after[:j]
			break
		}
	}
	if k > 0 && termMarkers[before[k-1].text] {
		return quotedTerm, ""
	}
	inner := strings.TrimSpace(p.text[q.start:q.end])
	if id, ok := in.after(pi, after, inner, !hasWords(before)); ok {
		return attributed, id
	}
	if id, ok := in.before(pi, before); ok {
		return attributed, id
	}
	if !hasWords(before) && !hasWords(after) {
		if si+1 < len(ranges) && q.closed {
			if id, ok := in.next(pi, words(p, ranges[si+1][0], ranges[si+1][1]), inner); ok {
				return attributed, id
			}
		}
		return unattributed, ""
	}
	if n := len(before); n > 0 && before[n-1].text == ":" && !hasWords(after) {
		if i := in.subjectAt(before); i >= 0 && before[i].text != "it" && before[i].text != "they" {
			return attributed, in.resolve(pi, before, i)
		}
	}
	return inSentence, ""
}

// after reads an attribution that follows the quote: “…,” Ruiz said;
// “…,” said Ruiz; “…?” asked one shopper. ok is false when there is none.
func (in *inference) after(pi int, ws []word, inner string, opensSentence bool) (string, bool) {
	lead := 0
	for lead < len(ws) && ws[lead].punct {
		lead++
	}
	v, vw := -1, 0
	for i := lead; i < len(ws) && i < lead+12; i++ {
		if n := verbAt(ws, i); n > 0 {
			v, vw = i, n
			break
		}
		if ws[i].punct && ws[i].text != "," {
			break
		}
	}
	if v < 0 {
		return "", false
	}
	last, _ := lastRune(inner)
	marked := strings.ContainsRune(",?!…—–-:", last) || lead > 0 && strings.ContainsAny(ws[0].text, ",—–")
	if !marked && !(opensSentence && v-lead <= 4) {
		return "", false
	}
	if v > lead {
		return in.choose(pi, ws, lead, v), true
	}
	end := v + vw
	for end < len(ws) && end < v+vw+8 && !(ws[end].punct && ws[end].text != "(" && ws[end].text != ")") {
		end++
	}
	return in.choose(pi, ws, v+vw, end), true
}

// before reads an attribution that leads up to the quote: Okafor wrote:
// “…”; Chen said the study was “bought”; according to Brandt, “…”.
func (in *inference) before(pi int, ws []word) (string, bool) {
	v, vw := -1, 0
	for i := len(ws) - 1; i >= 0; i-- {
		if n := verbAt(ws, i); n > 0 {
			v, vw = i, n
			break
		}
	}
	if v < 0 {
		return "", false
	}
	if vw == 2 { // according to
		return in.choose(pi, ws, v+2, min(len(ws), v+10)), true
	}
	l := v
	for l > 0 && auxiliary(ws[l-1]) {
		l--
	}
	if l == 0 || ws[l-1].quote {
		end := v + 1
		for end < len(ws) && end < v+8 && !ws[end].punct {
			end++
		}
		if c := in.choose(pi, ws, v+1, end); c != "" {
			return c, true
		}
		return "", false
	}
	if participles[ws[v].text] && ws[l-1].text == "," {
		// “…,” Chen said, adding that “…”: the speaker of the verb before.
		if id := in.earlierSpeaker(pi, ws, l-1); id != "" {
			return id, true
		}
	}
	return in.subjectOf(pi, ws, l, participles[ws[v].text]), true
}

// earlierSpeaker returns the speaker named next to the speech verb that
// comes just before ws[end] in the same clause ("Chen said" or "said
// Chen"), or "".
func (in *inference) earlierSpeaker(pi int, ws []word, end int) string {
	for k := end - 1; k >= 0 && !ws[k].quote; k-- {
		if verbAt(ws, k) != 1 {
			continue
		}
		if k > 0 && in.candidate(ws, k-1) {
			return in.resolve(pi, ws, k-1)
		}
		if k+1 < end && in.candidate(ws, k+1) {
			return in.resolve(pi, ws, k+1)
		}
		return ""
	}
	return ""
}

// subjectOf finds who did what ws[l] ends: the candidate just before it,
// skipping appositions ("Brandt, director of the port authority,").
func (in *inference) subjectOf(pi int, ws []word, l int, participle bool) string {
	last := ws[l-1]
	switch {
	case in.candidate(ws, l-1):
		if id := in.resolve(pi, ws, l-1); id != "" {
			return id
		}
		return in.modifier(pi, ws, l-1)
	case last.text == ",":
		j := l - 1
		for range 3 {
			j = prevComma(ws, j)
			if j <= 0 {
				break
			}
			if in.candidate(ws, j-1) {
				return in.resolve(pi, ws, j-1)
			}
		}
	case conjunctions[last.text]:
	case !last.punct && !last.quote && last.id == "" && last.lower:
		if id := in.modifier(pi, ws, l-1); id != "" || !participle {
			return id
		}
	}
	if i := in.subjectAt(ws[:l]); i >= 0 {
		return in.resolve(pi, ws, i)
	}
	return ""
}

// modifier finds a name that modifies the noun ws[i]: "Ruiz’s office",
// "a Kestrel spokeswoman".
func (in *inference) modifier(pi int, ws []word, i int) string {
	for j := i - 1; j >= 0 && j >= i-3 && !ws[j].punct && !ws[j].quote; j-- {
		if in.speakerKind(ws[j]) {
			return ws[j].id
		}
	}
	return ""
}

func prevComma(ws []word, j int) int {
	for j--; j >= 0; j-- {
		if ws[j].quote || ws[j].punct && ws[j].text != "," && ws[j].text != "(" && ws[j].text != ")" {
			return -1
		}
		if ws[j].text == "," {
			return j
		}
	}
	return -1
}

// next reads a sentence after a quote that ends with its own full stop,
// question or exclamation mark: “Why now?” Chen asked.
func (in *inference) next(pi int, ws []word, inner string) (string, bool) {
	if len(ws) < 2 || !in.candidate(ws, 0) {
		return "", false
	}
	v := 1
	for v < len(ws) && auxiliary(ws[v]) {
		v++
	}
	if v >= len(ws) || verbAt(ws, v) == 0 {
		return "", false
	}
	last, _ := lastRune(inner)
	if last == '.' && len(ws)-v > 4 {
		return "", false
	}
	return in.resolve(pi, ws, 0), true
}

// subject returns who a sentence is about: the subject of its first speech
// verb that names one, or the name that opens it. says tells the first
// from the second; anon is set when the subject is someone unnamed ("One
// patient, a retired fisherman, said…"; "a crane operator who…").
func (in *inference) subject(pi int, ws []word) (id string, says, anon bool) {
	speaks := false
	for i := range ws {
		if verbAt(ws, i) != 1 || i == 0 || participles[ws[i].text] || i+1 < len(ws) && ws[i+1].text == "by" {
			continue
		}
		if id, ok := in.before(pi, ws[:i+1]); ok {
			if id != "" {
				return id, true, false
			}
			speaks = true
		}
	}
	if i := in.subjectAt(ws); i >= 0 {
		return in.resolve(pi, ws, i), false, false
	}
	return "", false, speaks || unnamedPerson(ws)
}

// unnamedPerson says whether ws opens with someone the article does not
// name: "A regular who gave his name only as Skip".
func unnamedPerson(ws []word) bool {
	start := 0
	for len(ws) > 0 && !indefinites[ws[start].text] {
		if start++; start >= len(ws) || start > 10 || ws[start-1].text == "," {
			break
		}
	}
	if start >= len(ws) || !indefinites[ws[start].text] {
		return false
	}
	for _, w := range ws[start+1 : min(len(ws), start+8)] {
		if w.quote || w.punct && w.text != "," {
			return false
		}
		if w.text == "who" {
			return true
		}
	}
	return false
}

// subjectAt returns the index of the candidate that opens ws, after at
// most a few words of title ("Council member Grace Chen") or an opening
// phrase ("After the vote, Ruiz…"; "Asked what he planned, Delgado…"),
// or -1. A pronoun counts only as the first word.
func (in *inference) subjectAt(ws []word) int {
	n, restarted := 0, false
	for i, w := range ws {
		switch {
		case w.quote:
			return -1
		case w.text == "," && !restarted:
			n, restarted = 0, true
		case w.punct:
			return -1
		case n <= 4 && in.candidate(ws, i) && (n == 0 || !pronouns[w.text]):
			return i
		case subordinators[w.text] && !restarted:
			n = 5 // an opening clause: the subject follows its comma
		default:
			if n++; n > 4 && (restarted || n > 14) {
				return -1
			}
		}
	}
	return -1
}

// roleWords is a role in the lower-case words descriptions are matched on.
func roleWords(role string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(role), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// roleTitle is the head noun of a role: "mayor" for "Mayor of Northport",
// "master" for "Harbor master", "member" for "Council member, Ward 3".
func roleTitle(role string) string {
	head := strings.ToLower(role)
	for _, cut := range []string{",", " of ", " for ", " at ", "(", " and "} {
		if i := strings.Index(head, cut); i >= 0 {
			head = head[:i]
		}
	}
	words := strings.Fields(head)
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}

// knowledge is what speaker inference needs of the knowledge base, built
// once per Index: each entity's kind and role, and the titles of people's
// roles.
type knowledge struct {
	kinds, roles map[string]string
	titles       map[string]bool
}

func newKnowledge(entities map[string]*content.Entity) *knowledge {
	kb := &knowledge{kinds: map[string]string{}, roles: map[string]string{}, titles: map[string]bool{}}
	for id, e := range entities {
		kb.kinds[id], kb.roles[id] = e.Kind, e.Role
		if e.Kind == "person" {
			if t := roleTitle(e.Role); t != "" {
				kb.titles[t] = true
			}
		}
	}
	return kb
}
