package content

import (
	"strings"

	"github.com/bylinehq/byline/site/diag"
)

// ConfigFile is the name of a site's optional config file.
const ConfigFile = "byline.toml"

// Config is a site's byline.toml.
type Config struct {
	Title       string
	Description string
	BaseURL     string // always ends in "/"
	Language    string
	Output      string // output folder, relative to the site root
	PageSize    int    // articles per list page
	FeedSize    int    // entries in feed.xml
	RawHTML     bool   // pass raw HTML in Markdown through
	Params      map[string]any
}

// DefaultConfig is the config of a site without byline.toml.
func DefaultConfig() Config {
	return Config{
		Title:    "byline",
		BaseURL:  "http://localhost:1313/",
		Language: "en",
		Output:   "public",
		PageSize: 10,
		FeedSize: 20,
		Params:   map[string]any{},
	}
}

// ParseConfig parses byline.toml; src may be nil when the file is absent.
func ParseConfig(src []byte, diags *diag.List) Config {
	c := DefaultConfig()
	if src == nil {
		return c
	}
	root := parseTOML(ConfigFile, src, 1, diags)
	if root == nil {
		return c
	}
	d := decoder{path: ConfigFile, diags: diags}
	for _, f := range root.Map {
		k, v := f.Key, f.Val
		switch k {
		case "title":
			c.Title = d.str(k, v)
		case "description":
			c.Description = d.str(k, v)
		case "base_url", "baseURL", "baseurl":
			c.BaseURL = d.str(k, v)
		case "language", "languageCode":
			c.Language = d.str(k, v)
		case "output", "publishDir":
			c.Output = d.str(k, v)
		case "page_size", "paginate":
			if n := d.integer(k, v); n > 0 {
				c.PageSize = n
			} else {
				d.errorf(v, "%s must be at least 1", k)
			}
		case "feed_size":
			if n := d.integer(k, v); n > 0 {
				c.FeedSize = n
			} else {
				d.errorf(v, "%s must be at least 1", k)
			}
		case "raw_html", "unsafe":
			c.RawHTML = d.boolean(k, v)
		case "params":
			if m, ok := v.native().(map[string]any); ok {
				c.Params = m
			} else {
				d.errorf(v, "params must be a table")
			}
		default:
			// Unknown keys are kept for templates, as Hugo keeps them.
			c.Params[k] = v.native()
		}
	}
	c.BaseURL = NormalizeBaseURL(c.BaseURL)
	return c
}

// NormalizeBaseURL makes sure a base URL ends with exactly one slash.
func NormalizeBaseURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return "/"
	}
	return strings.TrimRight(u, "/") + "/"
}
