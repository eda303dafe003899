/**
 * Sybil bench (issue 9): one person with m wallets against N honest
 * annotators on a task of ITEMS items with k = 3, on a real hub (in-memory
 * PGlite) driven over HTTP with SIWE sign-in and EIP-712 signed batches.
 * The attacker signs its wallets in one after another, asks for work in
 * bursts (back-to-back requests for 1,000 items) and always labels the same
 * wrong class; honest wallets label the truth. Rounds until the task is
 * exhausted. Printed per setting:
 *   - attacker-majority share: items on which attacker wallets hold ≥ 2 of
 *     the 3 slots, next to the chance level for the attacker's share of
 *     wallets p: 3p²(1−p) + p³ (random slots, no advantage);
 *   - attacker-decided share of paid items: accepted items whose consensus
 *     agrees with the attacker's labels.
 * Same-run baseline (goal setting only): the same attack against a
 * SIMULATION of the old rule ("partly assigned first, in index order", no
 * cap; oldRuleReplay.ts).
 *
 *   npm run bench:sybil
 *   SYBIL_ITEMS=2000 SYBIL_SETTINGS=20x10,20x5 SYBIL_HONEST_ASK=50 tsx bench/sybil/run.ts
 */
import os from 'node:os';
import { Wallet } from 'ethers';
import { DEFAULTS } from '../../hub/config';
import { startHub, type RunningHub } from '../../hub/startHub';
import { createTestTask, signIn } from '../../hub/testKit';
import { chanceOfMajority } from './chanceLevel';
import { measureCapture, type Capture } from './measureCapture';
import { assignByOldRule } from './oldRuleReplay';
import { assignOverHttp, playRounds, type Assign, type Player, type RoundPlan } from './playRounds';

const ITEMS = Number(process.env.SYBIL_ITEMS ?? 2000);
const K = 3;
const GOAL_RATIO = 1.5;
// "N×m" pairs: N honest wallets, m attacker wallets. The first is the goal's setting.
const SETTINGS = (process.env.SYBIL_SETTINGS ?? '20x10,20x5').split(',').map((pair) => {
  const [honest, attacker] = pair.split('x').map(Number) as [number, number];
  return { honest, attacker };
});
const PLAN: RoundPlan = {
  // An honest workstation keeps its queue full: it asks for as much as the hub lets it hold.
  honestAsk: Number(process.env.SYBIL_HONEST_ASK ?? DEFAULTS.maxOpenAssignments),
  attackerBurst: [1000, 1000, 1000],
  batchSize: 25,
  concurrency: 4,
};

const load = () => os.loadavg()[0]!.toFixed(1);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function openHub(requester: string): Promise<RunningHub> {
  return startHub({
    chainId: 31337,
    rewardsContract: Wallet.createRandom().address,
    token: Wallet.createRandom().address,
    requesters: [requester],
    operators: [],
    verifyWorkers: 1,
    rateLimit: { perIp: 1_000_000, signInPerIp: 1_000_000, perAccount: 1_000_000 },
  });
}

/** One attack on a fresh hub and task; `rule` picks the hub's assignment route or the old-rule replay. */
async function attack(rule: 'hub' | 'old', honest: number, attackers: number): Promise<Capture & { rounds: number; seconds: number }> {
  const t0 = performance.now();
  const requester = Wallet.createRandom();
  const hub = await openHub(requester.address);
  try {
    const { taskId } = await createTestTask(hub, await signIn(hub, requester), ITEMS, K);
    const players: Player[] = [];
    // The attacker signs its wallets in one after another, then the honest annotators arrive.
    for (let i = 0; i < attackers; i++) {
      const wallet = Wallet.createRandom();
      players.push({ wallet, token: await signIn(hub, wallet), attacker: true });
    }
    for (let i = 0; i < honest; i++) {
      const wallet = Wallet.createRandom();
      players.push({ wallet, token: await signIn(hub, wallet), attacker: false });
    }
    const assign: Assign = rule === 'hub' ? assignOverHttp(hub, taskId) : (p, count) => assignByOldRule(hub, p.wallet.address, taskId, count);
    const rounds = await playRounds(hub, taskId, players, assign, PLAN);
    await hub.context.consensusIdle();
    const capture = await measureCapture(hub, taskId, new Set(players.filter((p) => p.attacker).map((p) => p.wallet.address)));
    return { ...capture, rounds, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await hub.close();
  }
}

function describe(label: string, c: Capture & { rounds: number; seconds: number }): string {
  return (
    `  ${label.padEnd(44)} majority ${pct(c.attackerMajority / c.items).padStart(6)} of ${c.items} items · decided ${pct(c.decidedByAttacker / c.accepted).padStart(6)} of ${c.accepted} paid ` +
    `(${c.disputed} disputed) · attacker slot share ${pct(c.attackerSlotShare)} · ${c.rounds} rounds, ${c.seconds.toFixed(0)} s`
  );
}

async function main() {
  console.log(`sybil bench: ${ITEMS} items, k = ${K}, honest wallets ask ${PLAN.honestAsk}/round, attacker bursts ${PLAN.attackerBurst.join('+')} per wallet, batches of ${PLAN.batchSize}, cap ${DEFAULTS.maxOpenAssignments} · ${os.cpus().length} cores, load ${load()}`);
  console.log(`chance level: wallets at random hold a majority of an item's 3 slots with probability 3p²(1−p) + p³, p = attacker share of wallets`);
  const goals: string[] = [];
  for (const [i, s] of SETTINGS.entries()) {
    const p = s.attacker / (s.attacker + s.honest);
    const chance = chanceOfMajority(p, K);
    console.log(`\nN = ${s.honest} honest, m = ${s.attacker} attacker wallets (p = ${p.toFixed(3)}, chance ${pct(chance)}) · load ${load()}`);
    const now = await attack('hub', s.honest, s.attacker);
    console.log(describe('hub (random picks from the whole pool, cap)', now));
    const ratio = now.attackerMajority / now.items / chance;
    const decided = now.decidedByAttacker / now.accepted;
    if (i > 0) {
      // The old rule hands the attacker every item whatever N and m (it asks first, in bursts): measured once, for the goal's setting.
      console.log(`  attacker-majority share / chance: ${ratio.toFixed(2)}×`);
      continue;
    }
    const old = await attack('old', s.honest, s.attacker);
    console.log(describe('SIMULATED old rule (partly assigned first)', old));
    const oldRatio = old.attackerMajority / old.items / chance;
    const oldDecided = old.decidedByAttacker / old.accepted;
    console.log(`  attacker-majority share / chance: ${ratio.toFixed(2)}× (old rule ${oldRatio.toFixed(2)}×)`);
    const setting = `(N=${s.honest}, m=${s.attacker})`;
    goals.push(
      `${ratio <= GOAL_RATIO ? 'PASS' : 'MISS'} attacker-majority share ≤ ${GOAL_RATIO}× chance ${setting}: ${pct(now.attackerMajority / now.items)} = ${ratio.toFixed(2)}× chance ${pct(chance)} ` +
        `(baseline ${pct(old.attackerMajority / old.items)} = ${oldRatio.toFixed(2)}×, simulated old rule) (goal ≤ ${pct(GOAL_RATIO * chance)})`,
      `${decided <= GOAL_RATIO * chance ? 'PASS' : 'MISS'} attacker-decided share of paid items ≤ ${GOAL_RATIO}× chance ${setting}: ${pct(decided)} = ${(decided / chance).toFixed(2)}× ` +
        `(baseline ${pct(oldDecided)}, simulated old rule) (goal ≤ ${pct(GOAL_RATIO * chance)})`,
    );
  }
  console.log(`\nGoals`);
  for (const g of goals) console.log(g);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
