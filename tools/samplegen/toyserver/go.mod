module toyserver

go 1.19
