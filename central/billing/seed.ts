// Synthetic consumers and bills for the reference back end. Deterministic:
// the same count and date give the same accounts, so tests and the simulator
// can rely on them.

export interface SeedConsumer {
  account: string;
  name: string;
  category: string;
  circle: string;
  bills: Array<{ id: string; period: string; unitsKwh: number; amountPaise: number; dueDate: string; status: 'paid' | 'unpaid' }>;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = ['Ramesh', 'Sunita', 'Mohd. Irfan', 'Geeta', 'Rajendra', 'Pooja', 'Ashok', 'Shabana', 'Vinod', 'Kavita', 'Anil', 'Rekha', 'Suresh', 'Nazia', 'Manoj', 'Asha'];
const lastNames = ['Verma', 'Gupta', 'Yadav', 'Khan', 'Shukla', 'Tiwari', 'Srivastava', 'Ansari', 'Dixit', 'Mishra', 'Pandey', 'Kushwaha'];
const categories: Array<{ id: string; ratePaise: number; fixedPaise: number; minKwh: number; maxKwh: number }> = [
  { id: 'LMV-1 domestic', ratePaise: 650, fixedPaise: 11000, minKwh: 60, maxKwh: 450 },
  { id: 'LMV-2 non-domestic', ratePaise: 800, fixedPaise: 33000, minKwh: 150, maxKwh: 1200 },
  { id: 'LMV-6 small industry', ratePaise: 750, fixedPaise: 29000, minKwh: 400, maxKwh: 3000 },
];

/** The first account is always this one, so documentation and tests can name it. */
export const FIRST_SEED_ACCOUNT = '2130000001';

/** The old 8-digit number of a seeded consumer: the new number without its circle prefix (synthetic, like the rest). */
export function legacyOf(account: string): string {
  return account.slice(2);
}

export function seedConsumers(count: number, today: Date): SeedConsumer[] {
  const rnd = mulberry32(0x4b45); // "KE"
  const out: SeedConsumer[] = [];
  for (let i = 0; i < count; i++) {
    const circle = (i % 4) + 1;
    const account = i === 0 ? FIRST_SEED_ACCOUNT : `2${circle}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    if (out.some((c) => c.account === account)) continue;
    const cat = categories[i % 7 === 3 ? 1 : i % 11 === 5 ? 2 : 0]!;
    const name = `${firstNames[Math.floor(rnd() * firstNames.length)]} ${lastNames[Math.floor(rnd() * lastNames.length)]}`;
    const bills: SeedConsumer['bills'] = [];
    for (let m = 3; m >= 1; m--) {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - m, 1));
      const period = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      const units = Math.round(cat.minKwh + rnd() * (cat.maxKwh - cat.minKwh));
      const due = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 20));
      bills.push({
        id: `B-${account}-${period.replace('-', '')}`,
        period,
        unitsKwh: units,
        amountPaise: Math.round((units * cat.ratePaise + cat.fixedPaise) / 100) * 100,
        dueDate: due.toISOString().slice(0, 10),
        // Older bills paid; the latest unpaid for most consumers.
        status: m > 1 || i % 4 === 2 ? 'paid' : 'unpaid',
      });
    }
    out.push({ account, name, category: cat.id, circle: `circle-${circle}`, bills });
  }
  return out;
}
