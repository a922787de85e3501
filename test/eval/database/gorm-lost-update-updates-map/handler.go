package main

import (
	"encoding/json"
	"errors"
	"net/http"
)

type checkoutHandler struct {
	inv *Inventory
}

type checkoutRequest struct {
	Lines []struct {
		SKU string `json:"sku"`
		Qty int    `json:"qty"`
	} `json:"lines"`
}

func (h *checkoutHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req checkoutRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	for _, l := range req.Lines {
		if err := h.inv.Reserve(r.Context(), l.SKU, l.Qty); err != nil {
			status := http.StatusInternalServerError
			if errors.Is(err, ErrOutOfStock) {
				status = http.StatusConflict
			}
			http.Error(w, err.Error(), status)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}
