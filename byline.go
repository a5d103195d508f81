// Package byline holds the default theme, embedded in the binary: the
// templates/ and static/ folders of this repository. A site's own
// templates/ and static/ override these file by file.
package byline

import "embed"

// Theme is the default theme: templates/*.html and static/**.
//
//go:embed all:templates static
var Theme embed.FS

// Version is byline's version, printed by byline --version.
const Version = "0.1.0"
