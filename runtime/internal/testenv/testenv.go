// Package testenv gives tests the real Redis and PostgreSQL servers started
// by scripts/test-runtime.sh, and starts private redis-server processes for
// fault tests. Without the servers a test is skipped locally and fails when
// CI=true.
package testenv

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Need skips the test, or fails it under CI=true, because what is missing.
func Need(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI=true (run scripts/test-runtime.sh)", what)
	}
	t.Skipf("%s not set; run scripts/test-runtime.sh to test against real servers", what)
}

// RedisAddr returns GOCONC_TEST_REDIS_ADDR.
func RedisAddr(t testing.TB) string {
	t.Helper()
	a := os.Getenv("GOCONC_TEST_REDIS_ADDR")
	if a == "" {
		Need(t, "GOCONC_TEST_REDIS_ADDR")
	}
	return a
}

// PostgresDSN returns GOCONC_TEST_PG_DSN.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	d := os.Getenv("GOCONC_TEST_PG_DSN")
	if d == "" {
		Need(t, "GOCONC_TEST_PG_DSN")
	}
	return d
}

// RedisServer is a private redis-server process a fault test may kill,
// pause and restart.
type RedisServer struct {
	t    testing.TB
	bin  string
	dir  string
	Addr string
	port string
	cmd  *exec.Cmd
}

// StartRedis starts a private redis-server on a free loopback port. It is
// killed when the test ends.
func StartRedis(t testing.TB) *RedisServer {
	t.Helper()
	bin := os.Getenv("GOCONC_REDIS_SERVER")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("redis-server"); err != nil {
			Need(t, "GOCONC_REDIS_SERVER (redis-server binary)")
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &RedisServer{t: t, bin: bin, dir: t.TempDir(), Addr: addr, port: addr[strings.LastIndex(addr, ":")+1:]}
	s.Start()
	t.Cleanup(s.Kill)
	return s
}

// Start (re)starts the server on its address, with empty data.
func (s *RedisServer) Start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "--port", s.port, "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", "no", "--logfile", filepath.Join(s.dir, "redis.log"))
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", s.Addr, 200*time.Millisecond)
		if err == nil {
			fmt.Fprintf(c, "PING\r\n")
			line, _ := bufio.NewReader(c).ReadString('\n')
			c.Close()
			if strings.HasPrefix(line, "+PONG") {
				return
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("redis-server on %s did not start", s.Addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Kill kills the server (SIGKILL) and waits for it to exit.
func (s *RedisServer) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGCONT)
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}
