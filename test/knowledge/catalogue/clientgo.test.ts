// The client-go, apimachinery and kubelet entries: each signature matches its shape, with the
// right counts or shares, and not the shapes just short of it.
import { runCases } from './cases';
import { clientCases } from './clientgo.cases';

runCases(clientCases);
