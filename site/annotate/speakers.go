package annotate

import "strings"

// This file infers who said each quote from the text around it, the way a
// reader of news copy does: an attribution in the quote's own sentence
// ("…,” Ruiz said; said Ruiz; Okafor wrote: “…”; according to the port
// authority) comes first; a quote that stands alone as a sentence takes the
// speaker of the sentence or paragraph that introduces it, or of the quote
// it continues; a quoted term inside a sentence that no speech verb
// attributes has no speaker.

// A para is one block of an article's visible text as speaker inference
// sees it. Paras come in document order; headings are left out.
type para struct {
	text     string
	quotes   []quoteSpan   // in order of position
	mentions []mentionSpan // every entity mention in the text, in order, not overlapping
}

// A quoteSpan is one direct quote's part in a para.
type quoteSpan struct {
	open       int  // offset of the opening quotation mark
	start, end int  // the quoted text, without the marks
	close      int  // offset just after the closing mark; len(text) when unclosed
	closed     bool // false when the quote runs on to the end of the para
	// continued is true when the quote continues one left open at the end
	// of the previous para (news style: no closing mark before a new
	// paragraph of the same quote).
	continued bool
}

// A mentionSpan is a mention of entity id at text[start:end]. It may be a
// full name, an alias, a person's surname or an explicit [[id]].
type mentionSpan struct {
	start, end int
	id         string
}

// How a quote's own sentence attributes it.
const (
	unattributed = iota // the quote is a sentence of its own: context decides
	attributed          // the sentence names the speaker, or says it is unnamed ("one shopper said")
	inSentence          // part of a sentence with no speech verb of its own
	quotedTerm          // a quoted term ("the so-called “smart port”"): never attributed
)

// An inference holds one article's speaker inference as it goes.
type inference struct {
	paras  []para
	kinds  map[string]string
	sents  [][]sentence
	out    [][]string
	how    [][]int
	salient []salient // sentence subjects and speakers, in document order
	named   []salient // every person or organization named outside quotes
}

// A sentence is a range of a para with its quotes and grammatical subject.
type sentence struct {
	start, end int
	quotes     []int  // indexes into the para's quotes
	subject    string // the entity the sentence is about, if it names one up front
	says       bool   // the subject is the subject of a speech verb
}

// A salient entity is one a pronoun or "the company" may point back to.
type salient struct {
	para, at int
	id, kind string
	name     string // for names: as written, lowercased
	desc     string // for names: the title before and apposition after ("mayor", "the union's president")
}

// inferSpeakers returns, for each para and each quote in it, the id of the
// entity that said it, or "" when the text does not say. kinds maps entity
// ids to their kind (person, organization, place, event, other).
func inferSpeakers(paras []para, kinds map[string]string) [][]string {
	in := &inference{paras: paras, kinds: kinds}
	in.out = make([][]string, len(paras))
	in.how = make([][]int, len(paras))
	in.sents = make([][]sentence, len(paras))
	for pi := range paras {
		in.out[pi] = make([]string, len(paras[pi].quotes))
		in.how[pi] = make([]int, len(paras[pi].quotes))
		in.explicit(pi)
	}
	for pi := range paras {
		in.fromContext(pi)
	}
	in.backfill()
	return in.out
}

// explicit attributes the quotes of para pi that their own sentence
// attributes, and records who each sentence is about.
func (in *inference) explicit(pi int) {
	p := &in.paras[pi]
	in.name(pi)
	ranges := sentences(p)
	for si, r := range ranges {
		s := sentence{start: r[0], end: r[1]}
		for qi, q := range p.quotes {
			if r[0] <= q.open && q.open < r[1] {
				s.quotes = append(s.quotes, qi)
			}
		}
		ws := words(p, r[0], r[1])
		for _, qi := range s.quotes {
			in.how[pi][qi], in.out[pi][qi] = in.attribute(pi, qi, ws, ranges, si)
		}
		if len(s.quotes) == 0 {
			s.subject, s.says = in.subject(pi, ws)
		}
		in.sents[pi] = append(in.sents[pi], s)
		in.note(pi, r[0], s.subject)
		for _, qi := range s.quotes {
			if in.how[pi][qi] == attributed {
				in.note(pi, p.quotes[qi].open, in.out[pi][qi])
			}
		}
	}
}

// note records that the text at para pi, offset at is about entity id.
func (in *inference) note(pi, at int, id string) {
	if id != "" {
		in.salient = append(in.salient, salient{para: pi, at: at, id: id, kind: in.kinds[id]})
	}
}

// name records every person and organization named outside quotes in para
// pi, with the words that describe them.
func (in *inference) name(pi int) {
	p := &in.paras[pi]
	ws := words(p, 0, len(p.text))
	for i, w := range ws {
		if !in.speakerKind(w) {
			continue
		}
		var desc []string
		for j := i - 1; j >= 0 && j >= i-3 && !ws[j].punct && !ws[j].quote && ws[j].id == ""; j-- {
			desc = append(desc, ws[j].text)
		}
		if i+1 < len(ws) && ws[i+1].text == "," {
			for j := i + 2; j < len(ws) && j < i+10 && !ws[j].punct && !ws[j].quote; j++ {
				desc = append(desc, ws[j].text)
			}
		}
		in.named = append(in.named, salient{para: pi, at: w.start, id: w.id, kind: in.kinds[w.id], name: w.text, desc: " " + strings.Join(desc, " ") + " "})
	}
}

func (in *inference) speakerKind(w word) bool {
	k := in.kinds[w.id]
	return w.id != "" && (k == "person" || k == "organization")
}

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
		if i := in.subjectAt(before); i >= 0 {
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
	return in.subjectOf(pi, ws, l, participles[ws[v].text]), true
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

// subject returns who a sentence without quotes is about, and whether it
// says something.
func (in *inference) subject(pi int, ws []word) (string, bool) {
	for i := range ws {
		if verbAt(ws, i) > 0 && !participles[ws[i].text] {
			if id, ok := in.before(pi, ws[:i+1]); ok && id != "" {
				return id, true
			}
			break
		}
	}
	if i := in.subjectAt(ws); i >= 0 {
		return in.resolve(pi, ws, i), false
	}
	return "", false
}

// subjectAt returns the index of the candidate that opens ws, after at
// most a few words of title ("Council member Grace Chen") or an opening
// phrase ("After the vote, Ruiz…"), or -1.
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
		case in.candidate(ws, i):
			return i
		default:
			if n++; n > 4 {
				return -1
			}
		}
	}
	return -1
}

// choose picks the speaker named in ws[i:j], a noun phrase such as "Mayor
// Ana Ruiz", "Vantor’s project director, Nadia Petrova", "the company" or
// "one shopper": a name first, then a pronoun, then a description; "" when
// it names no one.
func (in *inference) choose(pi int, ws []word, i, j int) string {
	best, rank := -1, 9
	for k := i; k < j; k++ {
		if ws[k].quote || !in.candidate(ws, k) {
			continue
		}
		r := 3
		switch {
		case ws[k].id != "" && !ws[k].possessive:
			r = 0
		case ws[k].id == "":
			r = 1
			if !pronouns[ws[k].text] {
				r = 2
			}
		}
		if r < rank {
			if r == 2 && in.resolve(pi, ws, k) == "" {
				continue
			}
			best, rank = k, r
		}
	}
	if best < 0 {
		return ""
	}
	return in.resolve(pi, ws, best)
}

// candidate says whether ws[i] may name a speaker: a person or
// organization, a pronoun, or a description ("the union", "a spokeswoman").
func (in *inference) candidate(ws []word, i int) bool {
	w := ws[i]
	switch {
	case w.quote || w.punct:
		return false
	case w.id != "":
		return in.speakerKind(w)
	case pronouns[w.text]:
		return true
	case orgNouns[w.text] || personNouns[w.text] || spokesNouns[w.text]:
		for j := i - 1; j >= 0 && j >= i-3 && !ws[j].punct && !ws[j].quote; j-- {
			if determiners[ws[j].text] || ws[j].possessive || strings.HasSuffix(ws[j].text, "’s") || strings.HasSuffix(ws[j].text, "'s") {
				return true
			}
		}
	}
	return false
}

// resolve returns the entity a candidate word stands for at that point of
// the article.
func (in *inference) resolve(pi int, ws []word, i int) string {
	w := ws[i]
	switch {
	case w.id != "":
		return w.id
	case w.text == "he" || w.text == "she":
		return in.recent(pi, w.start, "person")
	case w.text == "it":
		return in.recent(pi, w.start, "organization")
	case w.text == "they":
		return in.recent(pi, w.start, "")
	case spokesNouns[w.text]:
		if id := in.modifier(pi, ws, i); id != "" {
			return id
		}
		return in.recent(pi, w.start, "organization")
	case orgNouns[w.text]:
		for _, n := range in.namedBefore(pi, w.start) {
			if n.kind == "organization" && strings.Contains(" "+n.name+" ", " "+w.text+" ") {
				return n.id
			}
		}
		return in.recent(pi, w.start, "organization")
	case personNouns[w.text]:
		for _, n := range in.namedBefore(pi, w.start) {
			if n.kind == "person" && strings.Contains(n.desc, " "+w.text+" ") {
				return n.id
			}
		}
	}
	return ""
}

// namedBefore returns the names written before offset at of para pi, the
// nearest first.
func (in *inference) namedBefore(pi, at int) []salient {
	var out []salient
	for i := len(in.named) - 1; i >= 0; i-- {
		if n := in.named[i]; n.para < pi || n.para == pi && n.at < at {
			out = append(out, n)
		}
	}
	return out
}

// recent returns the last sentence subject or speaker of the given kind
// ("" for any) before offset at of para pi, or failing that the last such
// name.
func (in *inference) recent(pi, at int, kind string) string {
	for i := len(in.salient) - 1; i >= 0; i-- {
		s := in.salient[i]
		if (s.para < pi || s.para == pi && s.at < at) && (kind == "" || s.kind == kind) {
			return s.id
		}
	}
	for _, n := range in.namedBefore(pi, at) {
		if kind == "" || n.kind == kind {
			return n.id
		}
	}
	return ""
}

// fromContext gives each quote that is a sentence of its own the speaker
// of the sentence before it in the para, of the quote it continues, of
// the next sentence when it opens the para, or of the last sentence of
// the previous para; and each quote inside an unattributed sentence the
// speaker of another quote in that sentence, or none.
func (in *inference) fromContext(pi int) {
	p := &in.paras[pi]
	for si, s := range in.sents[pi] {
		for _, qi := range s.quotes {
			switch in.how[pi][qi] {
			case inSentence:
				for _, qj := range s.quotes {
					if qj != qi && in.how[pi][qj] == attributed && in.out[pi][qj] != "" {
						in.out[pi][qi] = in.out[pi][qj]
						break
					}
				}
			case unattributed:
				if qi == 0 && p.quotes[qi].continued && pi > 0 {
					if prev := in.out[pi-1]; len(prev) > 0 {
						in.out[pi][qi] = prev[len(prev)-1]
						continue
					}
				}
				in.out[pi][qi] = in.introducer(pi, si)
			}
		}
	}
}

// introducer returns the speaker of the sentence that introduces sentence
// si of para pi.
func (in *inference) introducer(pi, si int) string {
	for sj := si - 1; sj >= 0; sj-- {
		if id, ok := in.spoke(pi, sj, false); ok {
			return id
		}
	}
	if si+1 < len(in.sents[pi]) {
		if id, ok := in.spoke(pi, si+1, true); ok {
			return id
		}
	}
	if pi > 0 && len(in.sents[pi-1]) > 0 {
		id, _ := in.spoke(pi-1, len(in.sents[pi-1])-1, false)
		return id
	}
	return ""
}

// spoke returns who speaks in sentence si of para pi: the speaker of its
// last quote, or else its subject. With saying set, only a speaker named
// in that sentence counts.
func (in *inference) spoke(pi, si int, saying bool) (string, bool) {
	s := in.sents[pi][si]
	for k := len(s.quotes) - 1; k >= 0; k-- {
		qi := s.quotes[k]
		switch in.how[pi][qi] {
		case attributed:
			return in.out[pi][qi], true
		case unattributed:
			if !saying {
				return in.out[pi][qi], true
			}
		}
	}
	if s.subject != "" && (s.says || !saying) {
		return s.subject, true
	}
	return "", false
}

// backfill gives a quote left open at the end of a para, with no speaker
// of its own, the speaker of the para that continues it.
func (in *inference) backfill() {
	for pi := len(in.paras) - 2; pi >= 0; pi-- {
		qs, next := in.paras[pi].quotes, in.paras[pi+1].quotes
		if len(qs) == 0 || len(next) == 0 || qs[len(qs)-1].closed || !next[0].continued {
			continue
		}
		last := len(qs) - 1
		if in.out[pi][last] == "" && in.how[pi][last] == unattributed {
			in.out[pi][last] = in.out[pi+1][0]
		}
	}
}
