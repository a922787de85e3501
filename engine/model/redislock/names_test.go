package redislock

import "testing"

// Whether an unreleased SET-if-absent is a lock is decided by these words:
// precision depends on their edges.
func TestMentionsLock(t *testing.T) {
	for _, s := range []string{"lockKey", `"lock:" + id`, "jobLock", "LEADER_KEY", "leaseName", `fmt.Sprintf("mutex:%d", id)`, "acquireLocker", "semaphore", "LeaderElect"} {
		if !MentionsLock(s) {
			t.Errorf("MentionsLock(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"blockKey", `"block:" + hash`, "clockSkew", "unlockedAt", "releaseNotes", "selectKey", `"seen:" + id`, "MarkSeen"} {
		if MentionsLock(s) {
			t.Errorf("MentionsLock(%q) = true, want false", s)
		}
	}
}
