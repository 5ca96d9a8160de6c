// Stack fragments that recur in kube-apiserver dumps, innermost first, for building cases.

/** An outgoing HTTP/1 request waiting for its response, made with client-go's REST client. */
export const restCall = [
  'net/http.(*persistConn).roundTrip',
  'net/http.(*Transport).roundTrip',
  'net/http.(*Transport).RoundTrip',
  'k8s.io/client-go/transport.(*userAgentRoundTripper).RoundTrip',
  'net/http.send',
  'net/http.(*Client).send',
  'net/http.(*Client).do',
  'net/http.(*Client).Do',
  'k8s.io/client-go/rest.(*Request).request',
  'k8s.io/client-go/rest.(*Request).Do',
];

/** The handler chain under the timeout filter's goroutine, outermost last. */
export const handlerChain = [
  'k8s.io/apiserver/pkg/endpoints/filters.WithAuthorization.func1',
  'net/http.HandlerFunc.ServeHTTP',
  'k8s.io/apiserver/pkg/endpoints/filters.WithAuthentication.func1',
  'net/http.HandlerFunc.ServeHTTP',
  'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1',
];

export const timeoutHandler = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP';
