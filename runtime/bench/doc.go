// Package bench compares the goconc runtime's primitives with the libraries
// Go teams use today. It is a separate module so the runtime's go.mod stays
// small; run it with ./run.sh, not as part of the test suite.
//
// Sizes come from the environment so the defaults stay sane on a laptop
// with two cores:
//
//	BENCH_TASKS    tasks per pool benchmark op        (default 20000)
//	BENCH_SLEEP    sleep of one "sleep" task          (default 1ms)
//	BENCH_WORKERS  workers for the sleep workload     (default 1000)
//	GOCONC_BENCH_REDIS_ADDR  Redis for the lock benchmarks (skipped if unset)
//
// The full size is BENCH_TASKS=1000000 BENCH_SLEEP=10ms.
package bench
