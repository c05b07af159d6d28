/**
 * A small seeded random source for `logpush generate`: the same seed gives the same records, so demos and
 * benchmarks are repeatable. Mulberry32: tiny, fast, and good enough for test data.
 */
export class Random {
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `weighted([['200', 80], ['404', 5]])`. */
  weighted<I extends readonly [unknown, number]>(items: readonly I[]): I[0] {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  }

  /** Lower-case hex of `length` digits (ray ids, hashes). */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A public-looking IPv4 address (some from MaxMind's test networks, so GeoIP demos show places). */
  ipv4(): string {
    if (this.chance(0.3)) return this.pick(['89.160.20.', '81.2.69.', '67.43.156.', '175.16.199.']) + this.int(128, 143);
    return `${this.int(1, 223)}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }

  ipv6(): string {
    return `2a02:${this.hex(4)}:${this.hex(4)}::${this.hex(4)}`;
  }

  ip(): string {
    return this.chance(0.85) ? this.ipv4() : this.ipv6();
  }
}

export const COUNTRIES = ['us', 'de', 'gb', 'fr', 'jp', 'br', 'in', 'cn', 'se', 'nl', 'ca', 'au', 'sg', 'za', 'mx'] as const;
export const COLOS = ['AMS', 'FRA', 'LHR', 'CDG', 'IAD', 'SJC', 'NRT', 'SIN', 'GRU', 'SYD', 'ARN', 'MRS'] as const;
export const HOSTS = ['www.example.com', 'api.example.com', 'shop.example.com', 'cdn.example.net', 'blog.example.org', 'app.example.io'] as const;
export const PATHS = ['/', '/index.html', '/api/v1/users', '/api/v1/orders', '/login', '/static/app.js', '/static/style.css', '/images/logo.png', '/search', '/cart/checkout', '/wp-login.php', '/.env'] as const;
export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36',
  'curl/8.4.0',
  'Go-http-client/2.0',
  'python-requests/2.31.0',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
] as const;
export const EMAILS = ['alice@example.com', 'bob@example.com', 'carol@example.org', 'dave@example.net', 'erin@example.com'] as const;
