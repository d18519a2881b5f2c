/** Scopes named by a JWT's `scope` (space-separated) or `scp` (string or array) claim. */
export function jwtScopes(claims: Readonly<Record<string, unknown>>): string[] | undefined {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') {
    return raw.split(/\s+/).filter(Boolean);
  }
  if (Array.isArray(raw)) {
    return raw.filter((s): s is string => typeof s === 'string');
  }
  return undefined;
}

/** RFC 9110 §5.6.7 IMF-fixdate, e.g. `Tue, 18 Sep 2018 09:51:01 GMT`. */
export function isImfFixdate(value: string): boolean {
  const m =
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(
      value,
    );
  if (!m) {
    return false;
  }
  const [day, hour, minute, second] = [m[2], m[5], m[6], m[7]].map(Number);
  return day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}
