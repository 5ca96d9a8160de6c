// Prints Go fmt renderings that test/lib/goformat.test.ts compares against (go run tools/goformat/main.go).
package main
import ("fmt";"math")
func main(){
 for _, v := range []float64{0.125,0.375,1.125,2.5,0.005,1.005,12.345,99.95,99.5,0.0042,0.00042,0.000042,0.99,0.996,0.5,1e-7,123456.125,0.1,0.25,9.995,3.0,100, 0.15, 0.45, 5e-5, 0.00015} {
  fmt.Printf("%v|%.2f|%.2g|%5.2g|%.2g\n", v, v, v, v, -v)
 }
 _ = math.Abs
}
