// Package gin is a stub of github.com/gin-gonic/gin for tests.
package gin

type Context struct{}

type HandlerFunc func(*Context)

type RouterGroup struct{}

func (g *RouterGroup) GET(path string, handlers ...HandlerFunc)  {}
func (g *RouterGroup) POST(path string, handlers ...HandlerFunc) {}

type Engine struct{ RouterGroup }

func New() *Engine { return &Engine{} }
