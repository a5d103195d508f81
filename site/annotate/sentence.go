package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end in a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sen": true,
	"rep": true, "gov": true, "gen": true, "lt": true, "col": true, "capt": true, "sgt": true,
	"jr": true, "sr": true, "inc": true, "co": true, "corp": true, "ltd": true, "no": true,
	"vs": true, "mt": true, "ft": true, "u.s": true, "u.k": true, "e.g": true, "i.e": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"a.m": true, "p.m": true, "rev": true, "supt": true, "det": true, "insp": true,
}

// sentenceBounds returns the byte offsets at which sentences of text start,
// after the first. A sentence ends at . ! or ? (and any closing quotes or
// brackets after it) followed by a space, unless the period ends a known
// abbreviation or an initial, or the next word is lowercase: “Why now?”
// she asked.
func sentenceBounds(text string) []int {
	var out []int
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		i += w
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i
		for j < len(text) {
			c, cw := utf8.DecodeRuneInString(text[j:])
			if c != '"' && c != '”' && c != '’' && c != '\'' && c != ')' && c != ']' && c != '.' && c != '!' && c != '?' {
				break
			}
			j += cw
		}
		if j >= len(text) || text[j] != ' ' {
			continue
		}
		if r == '.' && j == i && isAbbreviation(text[:i-1]) {
			continue
		}
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k >= len(text) {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsLower(next) {
			continue
		}
		out = append(out, k)
		i = k
	}
	return out
}

// isAbbreviation reports whether the word at the end of s is an
// abbreviation or a single capital initial.
func isAbbreviation(s string) bool {
	k := strings.LastIndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '“' || r == '"' })
	word := s[k+1:]
	if k >= 0 {
		_, w := utf8.DecodeRuneInString(s[k:])
		word = s[k+w:]
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(word)]
}

// A word is one token of a sentence's text outside its quotes, as speaker
// inference reads it: a word, a mention of an entity, or punctuation.
type word struct {
	start, end int
	text       string // lowercased; the punctuation mark itself for punctuation
	id         string // for mentions: the entity
	possessive bool   // a mention followed by ’s
	punct      bool
	quote      bool // stands for a quote skipped over
	lower      bool // written in lowercase
}

// words returns the words of text[a:b], skipping quoted text, which is
// replaced by one word with quote set.
func words(p *para, a, b int) []word {
	var out []word
	mi := 0
	for i := a; i < b; {
		if q := quoteAt(p, i); q != nil {
			out = append(out, word{start: q.open, end: q.close, quote: true})
			i = q.close
			continue
		}
		for mi < len(p.mentions) && p.mentions[mi].start < i {
			mi++
		}
		if mi < len(p.mentions) && p.mentions[mi].start == i {
			m := p.mentions[mi]
			w := word{start: m.start, end: min(m.end, b), text: strings.ToLower(p.text[m.start:m.end]), id: m.id}
			i = w.end
			for _, s := range []string{"’s", "'s", "’", "'"} {
				if strings.HasPrefix(p.text[i:b], s) {
					w.possessive, i = true, i+len(s)
					break
				}
			}
			out = append(out, w)
			continue
		}
		r, n := utf8.DecodeRuneInString(p.text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < b {
				c, cn := utf8.DecodeRuneInString(p.text[j:])
				if isWordRune(c) {
					j += cn
					continue
				}
				if c == '’' || c == '\'' || c == '-' {
					if d, _ := utf8.DecodeRuneInString(p.text[j+cn:]); j+cn < b && unicode.IsLetter(d) {
						j += cn
						continue
					}
				}
				break
			}
			if j < b && p.text[j] == '.' && isAbbreviation(p.text[:j]) {
				j++
			}
			out = append(out, word{start: i, end: j, text: strings.ToLower(p.text[i:j]), lower: unicode.IsLower(r)})
			i = j
		case strings.ContainsRune(",:;—–()[].?!", r):
			out = append(out, word{start: i, end: i + n, text: p.text[i : i+n], punct: true})
			i += n
		default:
			i += n
		}
	}
	return out
}

// quoteAt returns the quote whose span holds offset i, if any.
func quoteAt(p *para, i int) *quoteSpan {
	for k := range p.quotes {
		if q := &p.quotes[k]; q.open <= i && i < q.close {
			return q
		}
	}
	return nil
}

// sentences returns the [start, end) ranges of a para's sentences, never
// splitting one inside a quote.
func sentences(p *para) [][2]int {
	var out [][2]int
	start := 0
	for _, b := range sentenceBounds(p.text) {
		if q := quoteAt(p, b); q != nil && q.open < b {
			continue
		}
		out = append(out, [2]int{start, b})
		start = b
	}
	return append(out, [2]int{start, len(p.text)})
}

// speechVerbs is the one list of words that attribute speech or writing.
// "according to" is handled with "according".
var speechVerbs = wordSet(`according
	said says say told tells wrote writes added adds asked asks argued argues
	warned warns posted insisted insists explained explains noted recalled recalls
	replied replies stated testified testifies tweeted
	acknowledged acknowledges admitted admits announced announces answered
	claimed commented complained complains conceded concedes confirmed confirms
	contended contends cautioned cautions declared declares emphasized emphasised
	stressed stresses joked jokes maintained maintains predicted predicts promised
	remarked responded responds shouted suggested suggests urged vowed wondered
	wonders quipped observed observes countered concluded agreed agrees
	reiterated reiterates recounted repeated texted emailed whispered called
	described describes boasted pleaded protested objected lamented mused sighed
	yelled bragged griped snapped sent dismissed denounced criticized criticised
	praised hailed blasted slammed shot fired
	saying adding noting telling arguing explaining insisting asking writing`)

// participles are speech verbs whose subject is the sentence's: "Ruiz
// defended the plan, saying …".
var participles = wordSet(`saying adding noting telling arguing explaining insisting asking writing`)

// termMarkers, just before a quote, make it a quoted term, not speech.
var termMarkers = wordSet(`so-called dubbed nicknamed term word words phrase slogan label titled named headlined`)

var pronouns = wordSet(`he she they it`)

// askVerbs take the person asked as their object: "a reporter asked Villanueva".
var askVerbs = wordSet(`asked asks ask`)

// subordinators open a clause whose words are not the sentence's subject:
// "Asked whether he thought the union could…, Okafor paused".
var subordinators = wordSet(`whether that if when while because after before as since what how
	why who which where although though until unless once`)

var indefinites = wordSet(`a an one another`)

// conjunctions before a speech verb give it the sentence's subject: "The
// authority stayed out of the argument but said…".
var conjunctions = wordSet(`and but or yet`)

var determiners = wordSet(`the a an its their his her our this that one another`)

// Nouns that stand for an organization ("the company said"), a person
// ("the mayor said") or someone speaking for an organization.
var (
	orgNouns = wordSet(`company firm union authority agency council board department bank club
		team hospital court city county ministry group coalition commission office
		university college school district police government campaign committee
		organization organisation association lender retailer grocer chain utility
		developer airline insurer charity nonprofit administration foundation institute
		society league party federation service museum newspaper corporation business
		network clinic regulator airport port church`)
	personNouns = wordSet(`mayor president chief director minister senator chairman chairwoman chair
		ceo executive coach manager judge prosecutor lawyer attorney superintendent
		governor commissioner professor scientist researcher economist doctor captain
		founder owner analyst principal teacher leader secretary treasurer inspector
		sheriff detective officer councilman councilwoman member head author manager
		physician nurse engineer biologist ecologist chemist historian pastor skipper
		striker goalkeeper midfielder defender forward player`)
	spokesNouns = wordSet(`spokesman spokeswoman spokesperson representative statement release`)
)

// auxiliaries may stand between a subject and its speech verb: "Ruiz has
// long said".
var auxiliaries = wordSet(`has have had also would will then later again once never often
	long is was were been not later first last had previously`)

func auxiliary(w word) bool {
	return !w.punct && !w.quote && w.id == "" && (auxiliaries[w.text] || strings.HasSuffix(w.text, "ly") && len(w.text) > 4)
}

// verbAt returns how many words the speech verb at ws[i] takes (2 for
// "according to"), or 0.
func verbAt(ws []word, i int) int {
	w := ws[i]
	if w.punct || w.quote || w.id != "" || !speechVerbs[w.text] {
		return 0
	}
	if next, ok := phrasalVerbs[w.text]; ok {
		if i+1 < len(ws) && ws[i+1].text == next {
			return 2
		}
		return 0
	}
	return 1
}

// phrasalVerbs are speech verbs only with the word that follows them:
// "according to", "shot back", "fired back".
var phrasalVerbs = map[string]string{"according": "to", "shot": "back", "fired": "back"}

func hasWords(ws []word) bool {
	for _, w := range ws {
		if !w.punct && !w.quote {
			return true
		}
	}
	return false
}

func lastRune(s string) (rune, int) {
	return utf8.DecodeLastRuneInString(s)
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}
