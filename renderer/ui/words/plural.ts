/**
 * "1 video", "2 videos", "0 videos": a count with the noun in the right form.
 * English has two forms, but Intl.PluralRules decides which one a number takes
 * (so "1.5" is plural and the rule is in one place when other languages come).
 */
const rules = new Intl.PluralRules('en');

export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count} ${rules.select(count) === 'one' ? one : other}`;
}
