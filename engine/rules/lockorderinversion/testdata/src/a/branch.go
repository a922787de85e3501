package a

func (br *Branch) Close(b *Bank) {
	br.mu.Lock()
	defer br.mu.Unlock()
	br.settle(b) // want "lock order inversion: Bank.mu is locked while holding Branch.mu here, but Bank.Audit locks Branch.mu while holding Bank.mu"
}

func (br *Branch) settle(b *Bank) {
	b.record(br.balance)
	br.balance = 0
}
