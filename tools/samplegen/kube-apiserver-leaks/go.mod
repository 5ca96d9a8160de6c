module k8s.io/kubernetes

go 1.19

require k8s.io/apiserver v0.0.0

replace k8s.io/apiserver => ./staging/src/k8s.io/apiserver
