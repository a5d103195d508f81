package render

import (
	"html/template"
	"time"
)

// These are the values templates see. Every page gets a Page; its Kind
// says which of Article, Entity, List or Corrections is set.

// Page is the data of one HTML page.
type Page struct {
	Site        *Site
	Kind        string // "article", "entity", "list", "corrections", "404", "terms"
	Title       string // for <title>; empty means the site title alone
	Description string
	URL         string // path from the site root, such as /articles/city/x/
	Permalink   string // absolute URL
	Type        string // Open Graph type: article or website
	JSONLD      template.JS
	Article     *Article
	Entity      *Entity
	List        *List
	Terms       *Terms
	Corrections []CorrectionEntry
	// LiveReload is the script byline serve injects; empty in builds.
	LiveReload template.HTML
}

// Site is what every page knows of the site.
type Site struct {
	Title       string
	Description string
	BaseURL     string
	BasePath    string // path of BaseURL, always ending in /
	Language    string
	Sections    []Link
	Params      map[string]any
	Generator   string
	Year        int
}

// A Link is a named URL path.
type Link struct {
	Name string
	URL  string
}

// Article is an article page's data.
type Article struct {
	Title       string
	URL         string
	Section     Link
	Date        time.Time
	Updated     time.Time // zero when never updated
	Authors     []string
	Summary     string
	Tags        []Link
	Body        template.HTML
	Sidebar     []EntityGroup
	Quotes      []Quote
	Corrections []Correction
	Params      map[string]any
}

// An EntityGroup is one kind's entities in the sidebar.
type EntityGroup struct {
	Kind     string // person, organization, ...
	Label    string // "People", "Organizations", ...
	Entities []SidebarEntity
}

// A SidebarEntity is one entity in an article's sidebar.
type SidebarEntity struct {
	ID       string
	Name     string
	URL      string
	Role     string
	Short    template.HTML // first paragraph of the description
	Mentions int
}

// A Quote is one footnote of the Quotes section.
type Quote struct {
	N        int
	Text     string
	Speaker  *Link // nil when unattributed
	Inferred bool
	Source   string
	Date     time.Time
	Context  string
	// On entity pages: the article it is from.
	Article *Link
}

// A Correction is one entry of an article's corrections box.
type Correction struct {
	N       int
	Date    time.Time
	Kind    string
	Text    string
	Changes []Change
}

// A Change is an inline edit, shown under its correction.
type Change struct {
	N    int
	Kind string
	Old  string
	New  string
}

// Entity is an entity page's data.
type Entity struct {
	ID          string
	Name        string
	Kind        string
	Role        string
	Description template.HTML
	Image       string
	Links       []string
	Wikidata    string // URL, or empty
	Articles    []EntityArticle
	Quotes      []Quote
	Related     []Related
	Chart       template.HTML // inline SVG of mentions over time
}

// An EntityArticle is an article that mentions an entity.
type EntityArticle struct {
	Title    string
	URL      string
	Date     time.Time
	Sentence string
	Mentions int
}

// Related is an entity often mentioned with another.
type Related struct {
	Name     string
	URL      string
	Articles int // articles that mention both
}

// List is a paginated list of articles: the home page, a section or a tag.
type List struct {
	Heading  string
	Articles []Summary
	Page     int // 1-based
	Pages    int
	Prev     string // URL, or empty
	Next     string
}

// A Summary is an article in a list.
type Summary struct {
	Title     string
	URL       string
	Section   Link
	Date      time.Time
	Authors   []string
	Summary   string
	Corrected bool
}

// A CorrectionEntry is one line of the site-wide corrections log.
type CorrectionEntry struct {
	Date    time.Time
	Kind    string
	Text    string
	Article Link
	N       int
}

// Terms is an index page: every tag at /tags/, every entity at /entities/.
type Terms struct {
	Heading string
	Groups  []TermGroup
}

// A TermGroup is a run of terms under one label ("People", ...), or
// under none.
type TermGroup struct {
	Label string
	Terms []Term
}

// A Term is one tag or entity with the number of articles it has.
type Term struct {
	Name     string
	URL      string
	Note     string // an entity's role
	Articles int
}
