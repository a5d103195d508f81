package content

import (
	"path"
	"strings"

	"github.com/bylinehq/byline/site/diag"
)

// ParseArticle parses one article file. rel is its path below content/articles.
func ParseArticle(p string, rel string, src []byte, diags *diag.List) *Article {
	fm, format, start, body, err := splitFrontMatter(src)
	if err != nil {
		diags.Add(p, 1, 1, "%v", err)
		return nil
	}
	root := parseFrontMatter(p, fm, format, start, diags)
	if root == nil {
		return nil
	}
	a := &Article{Path: p, Body: body, Autolink: true, Params: map[string]any{}}
	dir, file := path.Split(rel)
	if dir != "" {
		a.Section = strings.SplitN(dir, "/", 2)[0]
	}
	a.Slug = strings.TrimSuffix(file, ".md")
	d := decoder{path: p, diags: diags}
	var sawTitle, sawDate bool
	for _, f := range root.Map {
		k, v := f.Key, f.Val
		switch k {
		case "title":
			a.Title, sawTitle = d.str(k, v), true
			if strings.TrimSpace(a.Title) == "" {
				d.errorf(v, "title must not be empty")
			}
		case "date":
			a.Date, sawDate = d.date(k, v), true
		case "updated", "lastmod":
			a.Updated = d.date(k, v)
		case "authors", "author":
			a.Authors = d.strings(k, v)
		case "section":
			if s := d.str(k, v); s != "" {
				if msg := unsafeSegment(s); msg != "" {
					d.errorf(v, "section %q %s", s, msg)
				} else {
					a.Section = s
				}
			}
		case "summary", "description":
			a.Summary = d.str(k, v)
		case "tags":
			a.Tags = d.strings(k, v)
		case "slug":
			s := d.str(k, v)
			if msg := unsafeSegment(s); msg != "" {
				d.errorf(v, "slug %q %s", s, msg)
			} else {
				a.Slug = s
			}
		case "draft":
			a.Draft = d.boolean(k, v)
		case "autolink":
			a.Autolink = d.boolean(k, v)
		case "corrections":
			a.Corrections = d.corrections(v)
		case "quotes":
			a.Quotes = d.quotes(v)
		case "entities":
			a.Entities = d.refs(k, v)
		default:
			a.Params[k] = v.native()
		}
	}
	if !sawTitle {
		diags.Add(p, 1, 1, "missing title in front matter")
	}
	if !sawDate {
		diags.Add(p, 1, 1, "missing date in front matter")
	}
	if msg := unsafeSegment(a.Slug); msg != "" {
		diags.Add(p, 1, 1, "file name gives slug %q, which %s; set slug in front matter", a.Slug, msg)
	}
	a.URL = "/articles/" + a.Slug + "/"
	if a.Section != "" {
		a.URL = "/articles/" + a.Section + "/" + a.Slug + "/"
	}
	return a
}

// unsafeSegment says why s cannot be one segment of a URL path and a folder
// name, or returns "" when it can.
func unsafeSegment(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "is empty"
	case s == "." || s == "..":
		return "must not be . or .."
	case strings.ContainsAny(s, `/\`):
		return "must be one path segment, without / or \\"
	case strings.HasPrefix(s, "."):
		return "must not start with a dot"
	case strings.ContainsAny(s, "\x00?#%\"<>") || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' }):
		return "must not contain control characters or any of ?#%\"<>"
	}
	return ""
}

func (d decoder) corrections(v *value) []Correction {
	if v.kind != listValue {
		d.errorf(v, "corrections must be a list of {date, text, kind}, not %s", describe(v))
		return nil
	}
	var out []Correction
	for _, e := range v.List {
		c := Correction{Kind: "correction", Line: e.Line}
		var sawDate, sawText bool
		ok := d.fields("a correction", e, func(k string, v *value) {
			switch k {
			case "date":
				c.Date, sawDate = d.date("correction date", v), true
			case "text":
				c.Text, sawText = d.str("correction text", v), true
			case "kind":
				c.Kind = d.str("correction kind", v)
				if c.Kind != "correction" && c.Kind != "clarification" {
					d.errorf(v, "correction kind must be correction or clarification, not %q", c.Kind)
				}
			default:
				d.errorf(v, "unknown key %q in a correction: use date, text and kind", k)
			}
		})
		if !ok {
			continue
		}
		if !sawDate {
			d.errorf(e, "correction has no date")
		}
		if !sawText {
			d.errorf(e, "correction has no text")
		}
		out = append(out, c)
	}
	return out
}

func (d decoder) quotes(v *value) []QuoteInfo {
	if v.kind != listValue {
		d.errorf(v, "quotes must be a list of {match, speaker, source, date, context}, not %s", describe(v))
		return nil
	}
	var out []QuoteInfo
	for _, e := range v.List {
		q := QuoteInfo{Line: e.Line}
		ok := d.fields("a quote", e, func(k string, v *value) {
			switch k {
			case "match":
				q.Match = d.str("quote match", v)
			case "speaker":
				q.Speaker = Ref{ID: d.str("quote speaker", v), Line: v.Line, Col: v.Col}
			case "source":
				q.Source = d.str("quote source", v)
			case "date":
				q.Date = d.date("quote date", v)
			case "context":
				q.Context = d.str("quote context", v)
			default:
				d.errorf(v, "unknown key %q in a quote: use match, speaker, source, date and context", k)
			}
		})
		if !ok {
			continue
		}
		if strings.TrimSpace(q.Match) == "" {
			d.errorf(e, "quote entry has no match: give the opening words of the quote")
			continue
		}
		out = append(out, q)
	}
	return out
}

func (d decoder) refs(key string, v *value) []Ref {
	items := []*value{v}
	if v.kind == listValue {
		items = v.List
	}
	var out []Ref
	for _, e := range items {
		if id := d.str(key+" item", e); id != "" {
			out = append(out, Ref{ID: id, Line: e.Line, Col: e.Col})
		}
	}
	return out
}
