package a

import (
	"context"
	"sync"

	"google.golang.org/grpc"
)

// What protoc-gen-go-grpc generates for a service.
type GreeterServer interface {
	SayHello(ctx context.Context, name string) (string, error)
	Stats(ctx context.Context) (int, error)
	mustEmbedUnimplementedGreeterServer()
}

type UnimplementedGreeterServer struct{}

func (UnimplementedGreeterServer) SayHello(context.Context, string) (string, error) { return "", nil }
func (UnimplementedGreeterServer) Stats(context.Context) (int, error)             { return 0, nil }
func (UnimplementedGreeterServer) mustEmbedUnimplementedGreeterServer()            {}

func RegisterGreeterServer(s grpc.ServiceRegistrar, srv GreeterServer) {
	s.RegisterService(&grpc.ServiceDesc{ServiceName: "Greeter"}, srv)
}

// The service: every call runs its method on its own goroutine.
type greeter struct {
	UnimplementedGreeterServer
	mu    sync.Mutex
	calls int
	names map[string]int
}

func (g *greeter) SayHello(ctx context.Context, name string) (string, error) {
	g.calls++ // want "`g.calls` is written without a lock by `SayHello`, which runs in the gRPC method `SayHello` registered with RegisterGreeterServer .line 49., which serves calls concurrently"
	g.mu.Lock()
	g.names[name]++
	g.mu.Unlock()
	return "hello " + name, nil
}

func (g *greeter) Stats(ctx context.Context) (int, error) {
	return len(g.names), nil
}

func serveGreeter() {
	s := grpc.NewServer()
	RegisterGreeterServer(s, &greeter{names: map[string]int{}})
}

// An implementation a constructor returns as the interface.
type counterServer struct {
	UnimplementedGreeterServer
	hits int
}

func newCounterServer() GreeterServer { return &counterServer{} }

func (c *counterServer) Stats(ctx context.Context) (int, error) {
	c.hits++ // want "`c.hits` is written without a lock by `Stats`, which runs in the gRPC method `Stats` registered with RegisterGreeterServer .line 66., which serves calls concurrently"
	return c.hits, nil
}

func serveCounter() {
	RegisterGreeterServer(grpc.NewServer(), newCounterServer())
}
