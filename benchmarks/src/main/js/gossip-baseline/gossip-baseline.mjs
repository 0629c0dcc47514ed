// The raw floor under aleph4j's propagation figure: three bare js-libp2p peers, each its own process, configured as
// transport-libp2p's sidecar is (RSA identity, TCP, noise, yamux and mplex, gossipsub with StrictSign, 256 KiB,
// Rust's DefaultHasher as the message ID; B and C dial A), and nothing else: no JVM, no validation round trip, no
// inbox. A publishes messages of an envelope's size at a fixed rate; C notes when each arrives.
//   node gossip-baseline.mjs <rate> <count>    prints one JSON line: {"sent", "arrived", "p50", "p99", "max"} (ms)
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = () => {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
const { spawn } = await import('node:child_process');
const { createInterface } = await import('node:readline');
const { fileURLToPath } = await import('node:url');

const MASK = (1n << 64n) - 1n;
const rotl = (x, b) => ((x << b) | (x >> (64n - b))) & MASK;
function round(v) {
  v[0] = (v[0] + v[1]) & MASK; v[1] = rotl(v[1], 13n) ^ v[0]; v[0] = rotl(v[0], 32n);
  v[2] = (v[2] + v[3]) & MASK; v[3] = rotl(v[3], 16n) ^ v[2];
  v[0] = (v[0] + v[3]) & MASK; v[3] = rotl(v[3], 21n) ^ v[0];
  v[2] = (v[2] + v[1]) & MASK; v[1] = rotl(v[1], 17n) ^ v[2]; v[2] = rotl(v[2], 32n);
}
function defaultHash(data) {
  const bytes = Buffer.concat([Buffer.alloc(8), Buffer.from(data)]);
  bytes.writeBigUInt64LE(BigInt(data.length), 0);
  const v = [0x736f6d6570736575n, 0x646f72616e646f6dn, 0x6c7967656e657261n, 0x7465646279746573n];
  const whole = bytes.length & ~7;
  for (let i = 0; i < whole; i += 8) {
    const m = bytes.readBigUInt64LE(i);
    v[3] ^= m; round(v); v[0] ^= m;
  }
  let last = BigInt(bytes.length & 0xff) << 56n;
  for (let i = whole; i < bytes.length; i++) last |= BigInt(bytes[i]) << BigInt(8 * (i - whole));
  v[3] ^= last; round(v); v[0] ^= last;
  v[2] ^= 0xffn; round(v); round(v); round(v);
  return (v[0] ^ v[1] ^ v[2] ^ v[3]).toString();
}

const now = () => performance.timeOrigin + performance.now();
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');

async function peer() {
  const { createLibp2p } = await import('libp2p');
  const { tcp } = await import('@libp2p/tcp');
  const { noise } = await import('@chainsafe/libp2p-noise');
  const { yamux } = await import('@chainsafe/libp2p-yamux');
  const { mplex } = await import('@libp2p/mplex');
  const { gossipsub } = await import('@libp2p/gossipsub');
  const { identify } = await import('@libp2p/identify');
  const { generateKeyPair } = await import('@libp2p/crypto/keys');
  const { multiaddr } = await import('@multiformats/multiaddr');
  const node = await createLibp2p({
    privateKey: await generateKeyPair('RSA', 2048),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux(), mplex()],
    services: {
      identify: identify(),
      pubsub: gossipsub({
        globalSignaturePolicy: 'StrictSign',
        msgIdFn: (message) => new TextEncoder().encode(defaultHash(message.data)),
        allowPublishToZeroTopicPeers: true,
        heartbeatInterval: 1000,
        maxInboundDataLength: 262144,
      }),
    },
  });
  const pubsub = node.services.pubsub;
  pubsub.subscribe('ALEPH-TEST');
  pubsub.addEventListener('message', (event) => {
    const text = new TextDecoder().decode(event.detail.data);
    out({ received: JSON.parse(text).n, latency: now() - JSON.parse(text).t });
  });
  createInterface({ input: process.stdin }).on('line', async (line) => {
    const command = JSON.parse(line);
    if (command.cpu) {
      const used = process.cpuUsage();
      out({ cpu: (used.user + used.system) / 1e6 });
    } else if (command.dial) {
      await node.dial(multiaddr(command.dial)).catch((e) => out({ error: String(e) }));
      out({ dialed: true });
    } else if (command.publish) {
      // Each message is published at its due time without waiting for the one before, as the sidecar publishes
      // what the JVM sends it: a publish in flight does not hold back the next.
      const { rate, count, from } = command.publish;
      const start = now();
      const pad = 'x'.repeat(500);
      const publications = [];
      for (let n = from; n < from + count; n++) {
        const due = start + ((n - from) * 1000) / rate;
        const wait = due - now();
        if (wait > 1) {
          await new Promise((resolve) => setTimeout(resolve, wait));
        } else {
          // Behind or on time: still let the event loop run, or the publications pile up unsent (this loop would
          // never yield, and the network's writes wait for it: the harness then measured its own backlog).
          await new Promise((resolve) => setImmediate(resolve));
        }
        publications.push(pubsub.publish('ALEPH-TEST', new TextEncoder().encode(JSON.stringify({ n, t: now(), pad })))
          .catch(() => {}));
      }
      await Promise.all(publications);
      out({ published: count });
    }
  }).on('close', async () => {
    await node.stop();
    process.exit(0);
  });
  out({ ready: node.getMultiaddrs()[0].toString() });
}

function child(name) {
  const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), 'peer', name],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  // Events not asked for yet wait here, so that none is lost between two questions.
  const waiting = [];
  const askers = [];
  const listeners = [];
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const event = JSON.parse(line);
    for (const listener of listeners) listener(event);
    const asker = askers.findIndex(({ field }) => field in event);
    if (asker >= 0) {
      askers.splice(asker, 1)[0].resolve(event);
    } else {
      waiting.push(event);
    }
  });
  return {
    send: (command) => proc.stdin.write(JSON.stringify(command) + '\n'),
    on: (listener) => listeners.push(listener),
    next: (field) => {
      const ready = waiting.findIndex((event) => field in event);
      if (ready >= 0) {
        return Promise.resolve(waiting.splice(ready, 1)[0]);
      }
      return new Promise((resolve) => askers.push({ field, resolve }));
    },
    forget: (field) => {
      for (let i = waiting.length - 1; i >= 0; i--) if (field in waiting[i]) waiting.splice(i, 1);
      for (let i = askers.length - 1; i >= 0; i--) if (askers[i].field === field) askers.splice(i, 1);
    },
    stop: () => proc.stdin.end(),
  };
}

async function main() {
  const rate = Number(process.argv[2] ?? 1000);
  const count = Number(process.argv[3] ?? 10000);
  const [a, b, c] = ['a', 'b', 'c'].map(child);
  const aAddress = (await a.next('ready')).ready;
  await b.next('ready');
  await c.next('ready');
  b.send({ dial: aAddress });
  c.send({ dial: aAddress });
  await b.next('dialed');
  await c.next('dialed');
  // The mesh is up once a probe crosses it (probes are numbered below zero).
  for (let probe = -1; ; probe--) {
    a.send({ publish: { rate: 1, count: 1, from: probe } });
    await a.next('published');
    const arrived = await Promise.race([c.next('received'), new Promise((r) => setTimeout(() => r(null), 2000))]);
    if (arrived) break;
    c.forget('received');
  }
  c.forget('received');
  const latencies = [];
  c.on((event) => {
    if ('received' in event && event.received >= 0) latencies.push(event.latency);
  });
  const cpu = async () => {
    let seconds = 0;
    for (const peerProcess of [a, b, c]) {
      peerProcess.send({ cpu: true });
      seconds += (await peerProcess.next('cpu')).cpu;
    }
    return seconds;
  };
  const cpuBefore = await cpu();
  const publishStart = now();
  a.send({ publish: { rate, count, from: 0 } });
  await a.next('published');
  const coresPublishing = ((await cpu()) - cpuBefore) / ((now() - publishStart) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const cpuSeconds = (await cpu()) - cpuBefore;
  latencies.sort((x, y) => x - y);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
  out({ sent: count, arrived: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1],
    cpuSeconds, coresPublishing });
  for (const peerProcess of [a, b, c]) peerProcess.stop();
}

if (process.argv[2] === 'peer') {
  await peer();
} else {
  await main();
}
