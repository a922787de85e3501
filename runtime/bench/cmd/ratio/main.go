// Command ratio reads `go test -bench` output whose sub-benchmarks end in
// /impl=NAME and prints, per benchmark and unit, the median of "ours", the
// best peer's median and the ratio ours / best peer (< 1 is better for every
// unit printed). Baselines (raw goroutines, a plain RWMutex map) are not
// peers; they get their own column.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

var (
	line      = regexp.MustCompile(`^(Benchmark\S+?)/impl=([\w.-]+?)(-\d+)?\s+\d+\s+(.*)$`)
	baselines = map[string]bool{"goroutines": true, "rwmutex": true}
	units     = []string{"sec/op", "B/op", "allocs/op", "peak-B"}
)

func main() {
	// bench -> unit -> impl -> samples
	data := map[string]map[string]map[string][]float64{}
	var order []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		name, impl := m[1], m[2]
		if data[name] == nil {
			data[name] = map[string]map[string][]float64{}
			order = append(order, name)
		}
		f := strings.Fields(m[4])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			unit := f[i+1]
			if unit == "ns/op" {
				unit, v = "sec/op", v/1e9
			}
			if data[name][unit] == nil {
				data[name][unit] = map[string][]float64{}
			}
			data[name][unit][impl] = append(data[name][unit][impl], v)
		}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "benchmark\tunit\tours\tbest peer\tpeer\tours/peer\tbaseline\tours/baseline\t")
	for _, name := range order {
		for _, unit := range units {
			byImpl := data[name][unit]
			ours, ok := byImpl["ours"]
			if !ok {
				continue
			}
			o := median(ours)
			best, bestV := "", 0.0
			base, baseV := "", 0.0
			impls := make([]string, 0, len(byImpl))
			for impl := range byImpl {
				impls = append(impls, impl)
			}
			sort.Strings(impls)
			for _, impl := range impls {
				if impl == "ours" {
					continue
				}
				v := median(byImpl[impl])
				if baselines[impl] {
					base, baseV = impl, v
				} else if best == "" || v < bestV {
					best, bestV = impl, v
				}
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", strings.TrimPrefix(name, "Benchmark"), unit,
				human(o, unit), best, human(bestV, unit), ratio(o, bestV, best), base, ratio(o, baseV, base))
		}
	}
	w.Flush()
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ratio(a, b float64, name string) string {
	if name == "" {
		return ""
	}
	if b == 0 {
		if a == 0 {
			return "1.00"
		}
		return "inf"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func human(v float64, unit string) string {
	switch unit {
	case "sec/op":
		switch {
		case v >= 1:
			return fmt.Sprintf("%.2fs", v)
		case v >= 1e-3:
			return fmt.Sprintf("%.2fms", v*1e3)
		case v >= 1e-6:
			return fmt.Sprintf("%.2fµs", v*1e6)
		default:
			return fmt.Sprintf("%.1fns", v*1e9)
		}
	case "B/op", "peak-B":
		switch {
		case v >= 1<<20:
			return fmt.Sprintf("%.1fMiB", v/(1<<20))
		case v >= 1<<10:
			return fmt.Sprintf("%.1fKiB", v/(1<<10))
		default:
			return fmt.Sprintf("%.0fB", v)
		}
	}
	return fmt.Sprintf("%.0f", v)
}
