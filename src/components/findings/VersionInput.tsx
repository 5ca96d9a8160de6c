// The kube-apiserver version, so each finding can say affected / fixed / not in this version.

import { useEffect, useState } from 'react';
import { setVersion } from '../../state/actions';
import { useStore } from '../../state/store';

const versionShape = /^\s*v?\d+\.\d+(\.\d+)?([-+.][0-9A-Za-z.+-]*)?\s*$/;

export function VersionInput() {
  const version = useStore((s) => s.version);
  const [text, setText] = useState(version);
  useEffect(() => setText(version), [version]);
  useEffect(() => {
    if (text === version) return;
    const t = setTimeout(() => void setVersion(text), 300);
    return () => clearTimeout(t);
  }, [text, version]);
  const bad = text.trim() !== '' && !versionShape.test(text);
  return (
    <label className="version-input">
      kube-apiserver version{' '}
      <input
        type="text"
        placeholder="e.g. 1.18.4"
        aria-label="kube-apiserver version"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={bad}
        size={14}
      />
      {bad && <span className="error-text"> not a version like 1.22.3 or v1.22.3-eks-1a2b3c</span>}
    </label>
  );
}
