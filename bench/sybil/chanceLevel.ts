/**
 * The chance that wallets holding a share `p` of the slots hold a majority
 * of one item's k slots when slots go to wallets at random: the binomial
 * tail P(X > k/2), X ~ Binomial(k, p). For k = 3: 3p²(1−p) + p³.
 */
export function chanceOfMajority(p: number, k: number): number {
  let sum = 0;
  for (let x = Math.floor(k / 2) + 1; x <= k; x++) sum += binomial(k, x) * p ** x * (1 - p) ** (k - x);
  return sum;
}

function binomial(n: number, r: number): number {
  let c = 1;
  for (let i = 1; i <= r; i++) c = (c * (n - r + i)) / i;
  return c;
}
