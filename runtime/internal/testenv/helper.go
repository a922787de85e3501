package testenv

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"testing"
)

// HelperEnv is set in the environment of a test binary re-executed by
// Helper; its value names the helper to run.
const HelperEnv = "GOCONC_TEST_HELPER"

// Helper returns a command re-running the current test binary as helper
// process `name` (run by the test function TestHelperProcess, which must
// exist in the package and return at once when HelperEnv is unset).
func Helper(t testing.TB, name string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), HelperEnv+"="+name)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// Name returns a unique name for a test's lock, table or key.
func Name(prefix string) string { return fmt.Sprintf("%s_%d", prefix, rand.Uint32()) }
