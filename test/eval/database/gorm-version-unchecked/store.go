package main

import (
	"context"
	"encoding/json"
	"net/http"

	"gorm.io/gorm"
)

type PageStore struct {
	db *gorm.DB
}

func (s *PageStore) Get(ctx context.Context, slug string) (*Page, error) {
	var p Page
	if err := s.db.WithContext(ctx).Where("slug = ?", slug).First(&p).Error; err != nil {
		return nil, err
	}
	return &p, nil
}

// Update saves body if nobody changed the page since baseVersion.
func (s *PageStore) Update(ctx context.Context, id uint, baseVersion int64, body string) error {
	res := s.db.WithContext(ctx).Model(&Page{}).Where("id = ? AND version = ?", id, baseVersion). // bug: version-unchecked
		Updates(map[string]any{"body": body, "version": baseVersion + 1})
	if res.Error != nil {
		return res.Error
	}
	return nil
}

type editHandler struct {
	pages *PageStore
}

func (h *editHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Body        string `json:"body"`
		BaseVersion int64  `json:"base_version"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	page, err := h.pages.Get(r.Context(), r.PathValue("slug"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	if err := h.pages.Update(r.Context(), page.ID, req.BaseVersion, req.Body); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
