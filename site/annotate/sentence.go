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
