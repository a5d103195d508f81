package site_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/bylinehq/byline/site"
)

// repoRoot is the module root, which is itself the demo site.
func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// needTool skips a test when a tool it needs is absent, except under
// CI=true, where .ci/run has installed it and its absence is a failure.
func needTool(t *testing.T, what, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found at %s; .ci/run installs it", what, path)
		}
		t.Skipf("%s not found at %s; run npm ci in tools/ to install it", what, path)
	}
}

// TestDemoIsValidHTML checks every page of the demo build with the Nu Html
// Checker (vnu-jar, installed by npm ci in tools/).
func TestDemoIsValidHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the Nu Html Checker")
	}
	root := repoRoot(t)
	jar := filepath.Join(root, "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	needTool(t, "vnu.jar", jar)
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java not installed")
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Source: root, Output: out}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("java", "-jar", jar, "--errors-only", "--skip-non-html", out)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("Nu Html Checker found errors:\n%s", msg)
	}
}
