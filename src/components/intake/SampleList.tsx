// Samples to try with no file at hand: real profiles of our toy server and leak reproductions.

import { useEffect, useState } from 'react';
import { loadSampleIndex, openSample, samplesUnavailable, type SampleEntry } from '../../state/intake';

export function SampleList() {
  const [samples, setSamples] = useState<SampleEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadSampleIndex().then(setSamples, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p className="error-text">Samples unavailable: {error}</p>;
  if (!samples) return <p className="muted">Loading samples…</p>;
  const unavailable = samplesUnavailable();
  if (unavailable) {
    // The single file opened from disk: what the samples are, and how to open one anyway.
    return (
      <>
        <p className="muted" data-testid="samples-not-bundled">
          {unavailable}
        </p>
        <ul className="sample-list" aria-label="Samples">
          {samples.map((s) => (
            <li key={s.name}>
              {s.title} <code>samples/{s.file}</code>
              <span className="muted"> — {s.description}</span>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <ul className="sample-list" aria-label="Samples">
      {samples.map((s) => (
        <li key={s.name}>
          <button type="button" className="link" onClick={() => void openSample(s.name).catch((e: Error) => setError(e.message))}>
            {s.title}
          </button>
          <span className="muted"> — {s.description}</span>
        </li>
      ))}
    </ul>
  );
}
