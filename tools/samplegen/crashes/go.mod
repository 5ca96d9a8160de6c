module crashes

go 1.19
