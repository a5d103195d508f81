package render

import (
	"encoding/xml"
	"io"
	"time"
)

// A FeedEntry is one article in the Atom feed.
type FeedEntry struct {
	Title     string
	URL       string // absolute
	Published time.Time
	Updated   time.Time // moves when a correction is added
	Authors   []string
	Summary   string
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomPerson `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Link      atomLink     `xml:"link"`
	Published string       `xml:"published"`
	Updated   string       `xml:"updated"`
	Authors   []atomPerson `xml:"author"`
	Summary   string       `xml:"summary,omitempty"`
}

// Feed writes an Atom feed. A feed needs an author: entries without one
// fall back to the site's title at feed level.
func Feed(w io.Writer, site *Site, entries []FeedEntry) error {
	f := atomFeed{
		Title: site.Title,
		ID:    site.BaseURL,
		Links: []atomLink{
			{Href: site.BaseURL + "feed.xml", Rel: "self", Type: "application/atom+xml"},
			{Href: site.BaseURL, Rel: "alternate", Type: "text/html"},
		},
		Author: &atomPerson{Name: site.Title},
	}
	var updated time.Time
	for _, e := range entries {
		if e.Updated.After(updated) {
			updated = e.Updated
		}
		ae := atomEntry{
			Title: e.Title, ID: e.URL, Link: atomLink{Href: e.URL, Rel: "alternate", Type: "text/html"},
			Published: e.Published.UTC().Format(time.RFC3339), Updated: e.Updated.UTC().Format(time.RFC3339),
			Summary: e.Summary,
		}
		for _, a := range e.Authors {
			ae.Authors = append(ae.Authors, atomPerson{Name: a})
		}
		f.Entries = append(f.Entries, ae)
	}
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	return writeXML(w, f)
}

// A SitemapURL is one page in sitemap.xml.
type SitemapURL struct {
	Loc     string    `xml:"loc"`
	LastMod time.Time `xml:"-"`
	Mod     string    `xml:"lastmod,omitempty"`
}

// Sitemap writes a sitemaps.org sitemap.
func Sitemap(w io.Writer, urls []SitemapURL) error {
	type urlset struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []SitemapURL `xml:"url"`
	}
	for i := range urls {
		if !urls[i].LastMod.IsZero() {
			urls[i].Mod = urls[i].LastMod.UTC().Format(time.RFC3339)
		}
	}
	return writeXML(w, urlset{URLs: urls})
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
