package annotate

import (
	"strings"
)

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
	paras   []para
	kinds   map[string]string
	roles   map[string]string
	titles  map[string]bool // head nouns of the roles: "mayor", "master"
	sents   [][]sentence
	out     [][]string
	how     [][]int
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
//
// roles maps entity ids to their knowledge-base role ("Mayor of
// Northport"), so that "the mayor said" finds the mayor named earlier even
// where the text never wrote the title.
func inferSpeakers(paras []para, kb *knowledge) [][]string {
	in := &inference{paras: paras, kinds: kb.kinds, roles: kb.roles, titles: kb.titles}
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
		subject, says, anon := in.subject(pi, ws)
		if len(s.quotes) == 0 {
			s.subject, s.says = subject, says
		}
		in.sents[pi] = append(in.sents[pi], s)
		in.note(pi, r[0], subject, anon)
		for _, qi := range s.quotes {
			if in.how[pi][qi] == attributed {
				in.note(pi, p.quotes[qi].open, in.out[pi][qi], true)
			}
		}
		// Whoever is asked a question is the one who answers it next.
		for i := 0; i+1 < len(ws); i++ {
			if askVerbs[ws[i].text] && ws[i+1].id != "" && !ws[i+1].possessive && in.kinds[ws[i+1].id] == "person" {
				in.note(pi, ws[i+1].start, ws[i+1].id, false)
			}
		}
	}
}

// note records that the text at para pi, offset at is about entity id,
// or, with id "" and anon set, about someone the article does not name.
func (in *inference) note(pi, at int, id string, anon bool) {
	switch {
	case id != "":
		in.salient = append(in.salient, salient{para: pi, at: at, id: id, kind: in.kinds[id]})
	case anon:
		in.salient = append(in.salient, salient{para: pi, at: at, kind: "person"})
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
		in.named = append(in.named, salient{para: pi, at: w.start, id: w.id, kind: in.kinds[w.id], name: w.text, desc: " " + strings.Join(desc, " ") + " " + roleWords(in.roles[w.id]) + " "})
	}
}

func (in *inference) speakerKind(w word) bool {
	k := in.kinds[w.id]
	return w.id != "" && (k == "person" || k == "organization")
}
