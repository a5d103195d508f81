package content

import "github.com/bylinehq/byline/site/diag"

// CheckURLs reports articles whose URLs clash, as Load does; byline serve
// calls it after loading only the files that changed.
func CheckURLs(as []*Article) diag.List { return checkURLs(as) }
