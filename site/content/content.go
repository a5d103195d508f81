// Package content loads a byline site from its files into typed values:
// the config (byline.toml), articles (content/articles/**/*.md) and entities
// (content/entities/*.md). Every value keeps the position it came from, so
// later stages can report problems as path:line:col.
//
// # Front matter
//
// A file starts with YAML between --- lines or TOML between +++ lines. The
// body keeps an empty line for each front-matter line, so a position in the
// body is the position in the file. Keys byline does not know are kept in
// Params for templates, as Hugo does.
package content

import (
	"time"
)

// A Site is everything loaded from a site's folder.
type Site struct {
	Config   Config
	Articles []*Article // sorted newest first, then by URL
	Entities []*Entity  // sorted by ID
	ByID     map[string]*Entity
}

// An Article is one file under content/articles.
type Article struct {
	Path        string // slash path relative to the site root
	Section     string // "" for an article directly under content/articles
	Slug        string
	URL         string // "/articles/<section>/<slug>/"
	Title       string
	Date        time.Time
	Updated     time.Time // zero when never updated
	Authors     []string
	Summary     string
	Tags        []string
	Draft       bool
	Corrections []Correction
	Quotes      []QuoteInfo
	Entities    []Ref // ids to show in the sidebar even if never named
	Autolink    bool
	Params      map[string]any
	Body        []byte // Markdown, padded so that offsets map to file positions
}

// Modified is the later of the article's update time and its newest correction.
func (a *Article) Modified() time.Time {
	m := a.Date
	if a.Updated.After(m) {
		m = a.Updated
	}
	for _, c := range a.Corrections {
		if c.Date.After(m) {
			m = c.Date
		}
	}
	return m
}

// A Ref is an entity id written in front matter, with its position.
type Ref struct {
	ID        string
	Line, Col int
}

// A Correction is one entry of an article's corrections list.
type Correction struct {
	Date time.Time
	Kind string // "correction" or "clarification"
	Text string
	Line int
}

// A QuoteInfo is an article's front-matter entry for one quote: match is the
// opening words of the quote it describes.
type QuoteInfo struct {
	Match   string
	Speaker Ref
	Source  string
	Date    time.Time
	Context string
	Line    int
}

// An Entity is a person, organization, place or event of the knowledge base.
type Entity struct {
	Path     string
	ID       string
	Name     string
	Kind     string // person, organization, place, event or other
	Aliases  []string
	Role     string
	Wikidata string
	Links    []string
	Image    string
	Params   map[string]any
	Body     []byte // Markdown description, padded like Article.Body
	Line     int    // line of the name key, for diagnostics about the entity
}

// URL is the entity's page.
func (e *Entity) URL() string { return "/entities/" + e.ID + "/" }

// Kinds lists the entity kinds in the order sidebars group them.
var Kinds = []string{"person", "organization", "place", "event", "other"}
