package site_test

import "testing"

// TestIndexPages checks /tags/ and /entities/, which list every tag and
// every entity with its number of articles, as Hugo lists taxonomies.
func TestIndexPages(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	tags := outText(t, out, "tags/index.html")
	wantContains(t, "/tags/", tags, `<a href="/tags/port/">port</a>`)
	wantContains(t, "/tags/", tags, `<span class="count">· 3 articles</span>`)
	wantContains(t, "/tags/", tags, `<a href="/tags/ferries/">Ferries</a>`)
	ents := outText(t, out, "entities/index.html")
	wantContains(t, "/entities/", ents, `<h2>People</h2>`)
	wantContains(t, "/entities/", ents, `<a href="/entities/ana-ruiz/">Ana Ruiz</a> <span class="count">· 1 article</span><span class="role">Mayor of Northport</span>`)
	wantContains(t, "/entities/", ents, `<h2>Organizations</h2>`)
	wantContains(t, "sitemap", outText(t, out, "sitemap.xml"), "<loc>https://example.org/entities/</loc>")
}

// TestEntityJSONLD checks the structured data of an entity page.
func TestEntityJSONLD(t *testing.T) {
	out, _ := buildOK(t, newsSite)
	ld := ldJSON(t, outText(t, out, "entities/ana-ruiz/index.html"))
	if ld["@type"] != "Person" || ld["name"] != "Ana Ruiz" || ld["jobTitle"] != "Mayor of Northport" {
		t.Errorf("JSON-LD = %v, want a Person named Ana Ruiz with her role", ld)
	}
	if same, _ := ld["sameAs"].([]any); len(same) != 1 || same[0] != "https://www.wikidata.org/wiki/Q42" {
		t.Errorf("sameAs = %v, want the Wikidata URL", ld["sameAs"])
	}
}
