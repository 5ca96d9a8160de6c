// A choice among the compared files (base or target).

export function FileSelect({ label, names, value, onChange }: { label: string; names: string[]; value: number; onChange: (i: number) => void }) {
  return (
    <label>
      {label}{' '}
      <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {names.map((n, i) => (
          <option key={i} value={i}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
