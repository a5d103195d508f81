package site

import (
	"encoding/json"
	"html/template"
	"time"

	"github.com/bylinehq/byline/site/content"
	"github.com/bylinehq/byline/site/render"
)

var kindLabels = map[string]string{
	"person": "People", "organization": "Organizations", "place": "Places", "event": "Events", "other": "Other",
}

var schemaTypes = map[string]string{
	"person": "Person", "organization": "Organization", "place": "Place", "event": "Event", "other": "Thing",
}

// articlePage is the data of an article's page.
func (g *generator) articlePage(d *Doc, body template.HTML) *render.Page {
	a := d.Article
	v := &render.Article{
		Title: a.Title, URL: g.rel(a.URL), Date: a.Date, Authors: a.Authors, Summary: a.Summary,
		Body: body, Params: a.Params,
	}
	if a.Section != "" {
		v.Section = render.Link{Name: sectionName(a.Section), URL: g.rel("/" + a.Section + "/")}
	}
	if m := a.Modified(); m.After(a.Date) {
		v.Updated = m
	}
	for _, t := range a.Tags {
		if s := tagSlug(t); s != "" {
			v.Tags = append(v.Tags, render.Link{Name: t, URL: g.rel("/tags/" + s + "/")})
		}
	}
	v.Sidebar = g.sidebar(d)
	for _, q := range d.Result.Quotes {
		v.Quotes = append(v.Quotes, g.quoteView(q.N, q.Text, q.Speaker, q.Inferred, q.Source, q.Date, q.Context))
	}
	for _, c := range d.Result.Corrections {
		cv := render.Correction{N: c.N, Date: c.Date, Kind: c.Kind, Text: c.Text}
		for _, ch := range c.Changes {
			cv.Changes = append(cv.Changes, render.Change{N: ch.N, Kind: ch.Kind, Old: ch.Old, New: ch.New})
		}
		v.Corrections = append(v.Corrections, cv)
	}
	desc := a.Summary
	return &render.Page{Kind: "article", Title: a.Title, Description: desc, Type: "article", Article: v, JSONLD: g.articleJSONLD(d)}
}

func (g *generator) quoteView(n int, text, speaker string, inferred bool, source string, date time.Time, context string) render.Quote {
	q := render.Quote{N: n, Text: text, Inferred: inferred, Source: source, Date: date, Context: context}
	if e := g.index.ByID[speaker]; e != nil {
		q.Speaker = &render.Link{Name: e.Name, URL: g.rel(e.URL())}
	}
	return q
}

// sidebar groups the article's entities by kind, each group in order of
// first mention.
func (g *generator) sidebar(d *Doc) []render.EntityGroup {
	var groups []render.EntityGroup
	for _, kind := range content.Kinds {
		grp := render.EntityGroup{Kind: kind, Label: kindLabels[kind]}
		for _, m := range d.Result.Mentions {
			e := g.index.ByID[m.ID]
			if e == nil || e.Kind != kind {
				continue
			}
			grp.Entities = append(grp.Entities, render.SidebarEntity{
				ID: e.ID, Name: e.Name, URL: g.rel(e.URL()), Role: e.Role,
				Short: g.entityText[e.ID].short, Mentions: m.Count,
			})
		}
		if len(grp.Entities) > 0 {
			groups = append(groups, grp)
		}
	}
	return groups
}

// articleJSON is index.json: the article's annotations as data.
type articleJSON struct {
	URL         string           `json:"url"`
	Title       string           `json:"title"`
	Date        string           `json:"date"`
	Entities    []entityJSON     `json:"entities"`
	Quotes      []quoteJSON      `json:"quotes"`
	Corrections []correctionJSON `json:"corrections"`
}

type entityJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Mentions int    `json:"mentions"`
}

type quoteJSON struct {
	N        int    `json:"n"`
	Text     string `json:"text"`
	Speaker  string `json:"speaker"`
	Source   string `json:"source"`
	Inferred bool   `json:"inferred"`
}

type correctionJSON struct {
	Date    string       `json:"date"`
	Kind    string       `json:"kind"`
	Text    string       `json:"text"`
	Changes []changeJSON `json:"changes"`
}

type changeJSON struct {
	Old string `json:"old"`
	New string `json:"new"`
}

func (g *generator) articleJSON(d *Doc) articleJSON {
	j := articleJSON{
		URL: g.rel(d.URL), Title: d.Title, Date: d.Date.UTC().Format(time.RFC3339),
		Entities: []entityJSON{}, Quotes: []quoteJSON{}, Corrections: []correctionJSON{},
	}
	for _, m := range d.Result.Mentions {
		e := g.index.ByID[m.ID]
		j.Entities = append(j.Entities, entityJSON{ID: e.ID, Name: e.Name, Kind: e.Kind, Mentions: m.Count})
	}
	for _, q := range d.Result.Quotes {
		j.Quotes = append(j.Quotes, quoteJSON{N: q.N, Text: q.Text, Speaker: q.Speaker, Source: q.Source, Inferred: q.Inferred})
	}
	for _, c := range d.Result.Corrections {
		cj := correctionJSON{Date: c.Date.Format("2006-01-02"), Kind: c.Kind, Text: c.Text, Changes: []changeJSON{}}
		for _, ch := range c.Changes {
			cj.Changes = append(cj.Changes, changeJSON{Old: ch.Old, New: ch.New})
		}
		j.Corrections = append(j.Corrections, cj)
	}
	return j
}

// articleJSONLD is the schema.org NewsArticle of an article page.
func (g *generator) articleJSONLD(d *Doc) template.JS {
	type thing = map[string]any
	ld := thing{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         d.Title,
		"datePublished":    d.Date.Format(time.RFC3339),
		"dateModified":     d.Modified().Format(time.RFC3339),
		"mainEntityOfPage": g.abs(d.URL),
		"url":              g.abs(d.URL),
	}
	if d.Summary != "" {
		ld["description"] = d.Summary
	}
	var authors []thing
	for _, a := range d.Authors {
		authors = append(authors, thing{"@type": "Person", "name": a})
	}
	if len(authors) > 0 {
		ld["author"] = authors
	}
	var mentions []thing
	for _, m := range d.Result.Mentions {
		e := g.index.ByID[m.ID]
		t := thing{"@type": schemaTypes[e.Kind], "name": e.Name, "url": g.abs(e.URL())}
		if e.Wikidata != "" {
			t["sameAs"] = "https://www.wikidata.org/wiki/" + e.Wikidata
		}
		mentions = append(mentions, t)
	}
	if len(mentions) > 0 {
		ld["mentions"] = mentions
	}
	var corrections []thing
	for _, c := range d.Result.Corrections {
		corrections = append(corrections, thing{"@type": "CorrectionComment", "text": c.Text, "datePublished": c.Date.Format("2006-01-02")})
	}
	if len(corrections) > 0 {
		ld["correction"] = corrections
	}
	b, _ := json.Marshal(ld)
	return template.JS(b)
}

// entityJSONLD is the schema.org description of an entity's page: a
// Person, Organization, Place, Event or Thing, the same as its Wikidata
// item and links.
func (g *generator) entityJSONLD(e *content.Entity) template.JS {
	ld := map[string]any{
		"@context": "https://schema.org",
		"@type":    schemaTypes[e.Kind],
		"name":     e.Name,
		"url":      g.abs(e.URL()),
	}
	if d := stripTags(string(g.entityText[e.ID].short)); d != "" {
		ld["description"] = d
	}
	if e.Role != "" && e.Kind == "person" {
		ld["jobTitle"] = e.Role
	}
	var same []string
	if e.Wikidata != "" {
		same = append(same, "https://www.wikidata.org/wiki/"+e.Wikidata)
	}
	same = append(same, e.Links...)
	if len(same) > 0 {
		ld["sameAs"] = same
	}
	if len(e.Aliases) > 0 {
		ld["alternateName"] = e.Aliases
	}
	b, _ := json.Marshal(ld)
	return template.JS(b)
}
