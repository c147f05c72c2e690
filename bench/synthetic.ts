// A synthetic large profile (400 rules of mixed kinds) for benchmarks when the corpus is not at hand.
export function syntheticProfileText(): string {
  const forms: string[] = ['(version 1)', '(deny default)'];
  for (let i = 0; i < 100; i++) forms.push(`(allow file-read* (subpath "/System/Library/Frameworks/F${i}.framework"))`);
  for (let i = 0; i < 100; i++) forms.push(`(allow mach-lookup (global-name "com.apple.service${i}"))`);
  for (let i = 0; i < 50; i++) forms.push(`(allow file-read* file-write* (regex #"^/Users/[^/]+/Library/App${i}/"))`);
  for (let i = 0; i < 100; i++) forms.push(`(allow sysctl-read (sysctl-name "kern.k${i}"))`);
  for (let i = 0; i < 50; i++) forms.push(`(deny file-write* (literal "/private/etc/f${i}"))`);
  return forms.join('\n');
}
