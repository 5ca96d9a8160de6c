// The request-path leaks and heap entries: each signature matches its shape, with the right
// counts or shares, and not the shapes just short of it.
import { runCases } from './cases';
import { memoryCases } from './memory.cases';

runCases(memoryCases);
