package a

import "sync"

// Once.Do re-entered through callees: the function given to Do renders the
// page, which asks for the summary, which initialises the page again.
type Page struct {
	initMain sync.Once
	content  string
}

func (p *Page) initContent() {
	p.initMain.Do(func() { // want `the function given to p.initMain.Do reaches p.initMain.Do again \(line 13\): Do waits for its own function to return`
		p.content = p.render()
	})
}

func (p *Page) Summary() string {
	p.initContent()
	return p.content
}

func (p *Page) render() string { return "summary: " + p.Summary() }

// Through a method value: load asks for Data, which waits for load.
type Loader struct {
	once sync.Once
	data []int
}

func (l *Loader) load() {
	l.data = append(l.Data(), 1)
}

func (l *Loader) Data() []int {
	l.once.Do(l.load) // want `the function given to l.once.Do reaches l.once.Do again`
	return l.data
}

// OK: the function uses another Once.
type Settings struct {
	parse  sync.Once
	defs   sync.Once
	values map[string]string
}

func (c *Settings) defaults() {
	c.defs.Do(func() { c.values = map[string]string{} })
}

func (c *Settings) Load() {
	c.parse.Do(func() {
		c.defaults()
		c.values["a"] = "b"
	})
}

// OK: the same field of another instance — the parent's Once, not this one.
type TreeNode struct {
	once   sync.Once
	parent *TreeNode
	ready  bool
}

func (n *TreeNode) Init() {
	n.once.Do(func() {
		if n.parent != nil {
			n.parent.Init()
		}
		n.ready = true
	})
}

// OK: a goroutine started inside Do runs on its own; it does not re-enter
// this goroutine's Do.
func (p *Page) Prefetch() {
	p.initMain.Do(func() {
		go p.Summary()
	})
}
