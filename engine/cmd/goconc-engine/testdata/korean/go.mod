module example.com/korean

go 1.22
