package annotate

// This file resolves noun phrases to the entities they name.

import "strings"

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
	case in.titles[w.text] && !personNouns[w.text] && !orgNouns[w.text] && !spokesNouns[w.text]:
		// A title taken from a role names someone only as "the harbor
		// master", never as "a glaciologist".
		return i > 0 && ws[i-1].text == "the" || i > 1 && ws[i-2].text == "the" && !ws[i-1].punct
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
	case personNouns[w.text] || in.titles[w.text]:
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
