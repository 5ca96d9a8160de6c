// The aggregator, egress and proxy entries: each signature matches its shape, with the right
// counts, and not the shapes just short of it.
import { aggregatorCases } from './aggregator.cases';
import { runCases } from './cases';

runCases(aggregatorCases);
