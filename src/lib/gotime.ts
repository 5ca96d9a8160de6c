// Go's time layout "Jan 2, 2006 at 3:04pm (MST)", the form pprof prints a profile's time in.

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** timeZone: an IANA name, or undefined for the local zone (as Go does). */
export function formatProfileTime(epochMillis: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).formatToParts(new Date(epochMillis));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const hour24 = Number(get('hour')) % 24;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const ampm = hour24 < 12 ? 'am' : 'pm';
  return `${months[Number(get('month')) - 1]} ${Number(get('day'))}, ${get('year')} at ${hour12}:${get('minute')}${ampm} (${get('timeZoneName')})`;
}
