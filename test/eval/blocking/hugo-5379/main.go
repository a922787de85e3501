// Reproduces: gohugoio/hugo#5379 https://github.com/gohugoio/hugo/pull/5379 (GoBench goker hugo/5379)
// Kind: once-reentry
// Expected: double-lock
//
// Page initialisation: the sync.Once's function renders the content, which
// (through a shortcode asking for the page's summary) calls the same
// initialisation again: Once.Do re-entered from inside its own function
// blocks forever.
package main

import "sync"

type Page struct {
	initMain sync.Once
	content  string
}

func (p *Page) initContent() {
	p.initMain.Do(func() { // bug-partner
		p.content = p.renderShortcodes() // bug-partner
	})
}

func (p *Page) Summary() string {
	p.initContent() // bug: once-reentry
	return p.content
}

func (p *Page) renderShortcodes() string { return "summary: " + p.Summary() }

func main() {
	p := &Page{}
	p.initContent()
}
