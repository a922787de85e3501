// Reproduces: DataDog/dd-trace-go#670 https://github.com/DataDog/dd-trace-go/pull/670 (issue #669)
// Kind: lazy-init
// Expected: lazy-init-race
//
// contrib/google.golang.org/grpc: the interceptor's config computes the
// service name on first use and stores it in the shared config
// (`if cfg.serviceName == "" { cfg.serviceName = … }`), from every request's
// goroutine; the fix made the field immutable.
package main

import "sync"

type config struct {
	serviceName string
}

func (cfg *config) serverServiceName() string {
	if cfg.serviceName == "" {
		cfg.serviceName = "grpc.server" // bug: lazy-init
	}
	return cfg.serviceName // bug-partner
}

func UnaryServerInterceptor(cfg *config) func() string {
	return func() string { return cfg.serverServiceName() }
}

func main() {
	intercept := UnaryServerInterceptor(&config{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); _ = intercept() }()
	}
	wg.Wait()
}
