// stackscope findings: known kube-apiserver / client-go bugs this file looks like.

import { catalogue } from '../../knowledge/catalogue';
import { matchKnownBugs, undecidedWithoutWaits, type KnownBugMatch, type UndecidedBug } from '../../knowledge/match';
import { matchInputFor } from '../../knowledge/matchFile';
import type { LoadedProfile } from '../../parse/load';
import type { ParsedArgs } from '../args';

export const findingsUsage = 'stackscope findings [--json] [--version=V] FILE';

export interface FindingsJson {
  version: string | null;
  findings: Array<Pick<KnownBugMatch, 'id' | 'title' | 'severity' | 'confidence' | 'stage' | 'stageText' | 'status' | 'statusText' | 'evidence' | 'remedy' | 'references'>>;
  /** Bugs this format cannot decide: their test is a wait time and it carries none. */
  undecided: UndecidedBug[];
}

export function runFindings(args: ParsedArgs, file: LoadedProfile): string {
  const { loaded } = file;
  const version = args.flags.get('version') ?? null;
  const input = matchInputFor(file.profile, loaded.goroutines);
  const findings = matchKnownBugs(catalogue, input, version);
  const undecided = undecidedWithoutWaits(catalogue, input);
  const undecidedText = undecided.map((u) => `${u.id} ${u.title}: not decidable from this format. ${u.text}\n`).join('');
  if (args.flags.get('json') === 'true') {
    const json: FindingsJson = {
      version,
      findings: findings.map(({ id, title, severity, confidence, stage, stageText, status, statusText, evidence, remedy, references }) => ({
        id,
        title,
        severity,
        confidence,
        stage,
        stageText,
        status,
        statusText,
        evidence,
        remedy,
        references,
      })),
      undecided,
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  if (findings.length === 0) return `No known kube-apiserver or client-go bug matches this ${loaded.formatLabel}.\n${undecidedText}`;
  const out: string[] = [];
  for (const f of findings) {
    out.push(`${f.id} [${f.severity}, ${f.status}${f.stage === 'established' ? '' : `, ${f.stage}`}] ${f.title}`);
    out.push(`  seen: ${f.evidence.summary}`);
    if (f.stageText) out.push(`  stage: ${f.stageText}`);
    for (const w of f.evidence.why) out.push(`  why:  ${w}`);
    out.push(`  version: ${f.statusText}`);
    out.push(`  remedy: ${f.remedy}`);
    out.push(`  see: ${f.references.map((r) => r.url).join(' ')}`);
    out.push('');
  }
  return out.join('\n') + undecidedText;
}
