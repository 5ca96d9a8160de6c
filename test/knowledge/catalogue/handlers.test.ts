// The handler-chain entries: each signature matches its shape, with the right counts, and not
// the shapes just short of it.
import { runCases } from './cases';
import { handlerCases } from './handlers.cases';

runCases(handlerCases);
