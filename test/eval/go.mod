module goconc.dev/eval

go 1.22
