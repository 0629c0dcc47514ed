// A plain js-libp2p gossipsub node configured as the reference's p2p-service (rust-libp2p) is: an RSA identity, TCP,
// noise, one stream muxer (the argument: mplex or yamux), gossipsub, strictly signed messages and Rust's
// DefaultHasher as the message ID. It also runs identify, which js-libp2p's gossipsub cannot do without (the
// reference runs none; aleph4j's sidecar needs none from its peers: it answers a peer's gossipsub stream with its own). aleph4j's tests drive it over stdin and
// stdout, one JSON object a line: {"dial": multiaddr}, {"subscribers": true}, {"publish": text}, {"flood": ...} in;
// {"ready"}, {"connected"}, {"message"}, {"flooded"} out. It shares nothing with aleph4j's sidecar but the npm packages.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = () => {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
const { createInterface } = await import('node:readline');
const { createLibp2p } = await import('libp2p');
const { tcp } = await import('@libp2p/tcp');
const { noise } = await import('@chainsafe/libp2p-noise');
const { yamux } = await import('@chainsafe/libp2p-yamux');
const { mplex } = await import('@libp2p/mplex');
const { gossipsub } = await import('@libp2p/gossipsub');
const { identify } = await import('@libp2p/identify');
const { generateKeyPair } = await import('@libp2p/crypto/keys');
const { multiaddr } = await import('@multiformats/multiaddr');

// SipHash-1-3, keys (0, 0), over le_u64(len) || data: what Rust's DefaultHasher computes for a Vec<u8>.
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

const muxer = process.argv[2];
const node = await createLibp2p({
  privateKey: await generateKeyPair('RSA', 2048),
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [muxer === 'yamux' ? yamux() : mplex()],
  services: {
    identify: identify(),
    pubsub: gossipsub({
      globalSignaturePolicy: 'StrictSign',
      msgIdFn: (message) => new TextEncoder().encode(defaultHash(message.data)),
      allowPublishToZeroTopicPeers: true,
      heartbeatInterval: 1000,
    }),
  },
});
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');
node.services.pubsub.subscribe('ALEPH-TEST');
node.services.pubsub.addEventListener('message', (event) => {
  out({ message: new TextDecoder().decode(event.detail.data), from: event.detail.from?.toString() });
});
node.addEventListener('peer:connect', (event) => out({ connected: event.detail.toString() }));
createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line);
  try {
    if (command.dial) {
      await node.dial(multiaddr(command.dial));
    } else if (command.subscribers) {
      out({ subscribers: node.services.pubsub.getSubscribers('ALEPH-TEST').length });
    } else if (command.flood) {
      // {"flood": {"template": text, "count": n}}: n messages, each the template with "__N__" replaced by its
      // number (so that each has its own message ID), published one after the other as fast as gossipsub takes them.
      let reached = 0;
      let refused = 0;
      for (let i = 0; i < command.flood.count; i++) {
        const data = new TextEncoder().encode(command.flood.template.replace('__N__', String(i)));
        try {
          reached += (await node.services.pubsub.publish('ALEPH-TEST', data)).recipients.length;
        } catch (e) {
          refused++;
        }
      }
      out({ flooded: command.flood.count, reached, refused });
    } else if (command.publish !== undefined) {
      const result = await node.services.pubsub.publish('ALEPH-TEST', new TextEncoder().encode(command.publish));
      out({ published: result.recipients.length });
    }
  } catch (e) {
    out({ error: String(e.message ?? e) });
  }
}).on('close', async () => {
  await node.stop();
  process.exit(0);
});
out({ ready: node.peerId.toString(), addresses: node.getMultiaddrs().map((a) => a.toString()) });
