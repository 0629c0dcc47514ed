// aleph4j's libp2p peer: a gossipsub node configured as the reference's p2p-service (rust-libp2p: TCP, noise,
// yamux preferred and mplex accepted, an RSA identity, strictly signed messages, 256 KiB at most, message IDs
// from Rust's DefaultHasher). It speaks to the JVM over its stdin and stdout, one JSON object a line; what it
// logs goes to stderr. It holds no state: the JVM decides the topics, what is valid, what to publish and whom to
// dial.

// libp2p 3 calls Promise.withResolvers, which Node.js has from version 22 on; Node.js 20 is what Debian and
// these machines have. This must run before libp2p is imported.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { createPrivateKey } = await import('node:crypto');
const { readFileSync } = await import('node:fs');
const { createInterface } = await import('node:readline');
const { createLibp2p } = await import('libp2p');
const { tcp } = await import('@libp2p/tcp');
const { noise } = await import('@chainsafe/libp2p-noise');
const { yamux } = await import('@chainsafe/libp2p-yamux');
const { mplex } = await import('@libp2p/mplex');
const { identify } = await import('@libp2p/identify');
const { gossipsub } = await import('@libp2p/gossipsub');
const { privateKeyFromRaw } = await import('@libp2p/crypto/keys');
const { multiaddr } = await import('@multiformats/multiaddr');
const { peerIdFromString } = await import('@libp2p/peer-id');

/** The reference's gossipsub max_transmit_size. */
const MAX_TRANSMIT_BYTES = 262144;
/** How long a received message waits for the JVM's verdict before it is dropped (not forwarded). */
const VALIDATION_TIMEOUT_MS = 10000;

const config = JSON.parse(process.argv[2]);

function send(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

function log(level, text) {
  send({ ev: 'log', level, text });
}

// --- Rust's DefaultHasher: SipHash-1-3 with keys (0, 0) over le_u64(len) || data, written in decimal. ---

const MASK = (1n << 64n) - 1n;

function rotl(x, b) {
  return ((x << b) | (x >> (64n - b))) & MASK;
}

function sipRound(v) {
  v[0] = (v[0] + v[1]) & MASK; v[1] = rotl(v[1], 13n); v[1] ^= v[0]; v[0] = rotl(v[0], 32n);
  v[2] = (v[2] + v[3]) & MASK; v[3] = rotl(v[3], 16n); v[3] ^= v[2];
  v[0] = (v[0] + v[3]) & MASK; v[3] = rotl(v[3], 21n); v[3] ^= v[0];
  v[2] = (v[2] + v[1]) & MASK; v[1] = rotl(v[1], 17n); v[1] ^= v[2]; v[2] = rotl(v[2], 32n);
}

export function rustDefaultHash(data) {
  const input = Buffer.alloc(8 + data.length);
  input.writeBigUInt64LE(BigInt(data.length), 0);
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(input, 8);
  const v = [0x736f6d6570736575n, 0x646f72616e646f6dn, 0x6c7967656e657261n, 0x7465646279746573n];
  const whole = input.length - (input.length % 8);
  for (let i = 0; i < whole; i += 8) {
    const m = input.readBigUInt64LE(i);
    v[3] ^= m;
    sipRound(v);
    v[0] ^= m;
  }
  let last = BigInt(input.length & 0xff) << 56n;
  for (let i = whole; i < input.length; i++) {
    last |= BigInt(input[i]) << BigInt(8 * (i - whole));
  }
  v[3] ^= last;
  sipRound(v);
  v[0] ^= last;
  v[2] ^= 0xffn;
  sipRound(v);
  sipRound(v);
  sipRound(v);
  return (v[0] ^ v[1] ^ v[2] ^ v[3]).toString();
}

/** The reference's message ID: the decimal text of the hash, as bytes. */
function messageId(message) {
  return new TextEncoder().encode(rustDefaultHash(message.data));
}

// --- The node. ---

function loadKey(path) {
  // The key file is PKCS#8 DER, as the reference's service reads it; libp2p takes RSA keys as PKCS#1 DER.
  const pkcs1 = createPrivateKey({ key: readFileSync(path), format: 'der', type: 'pkcs8' })
    .export({ format: 'der', type: 'pkcs1' });
  return privateKeyFromRaw(new Uint8Array(pkcs1));
}

const muxers = config.muxers.map((name) => {
  if (name === 'yamux') {
    return yamux();
  }
  if (name === 'mplex') {
    return mplex();
  }
  throw new Error(`unknown muxer ${name}`);
});

const node = await createLibp2p({
  privateKey: loadKey(config.keyFile),
  addresses: { listen: config.listen, announce: config.announce ?? [] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: muxers,
  connectionManager: { maxConnections: config.maxConnections ?? 300 },
  services: {
    identify: identify(),
    pubsub: gossipsub({
      globalSignaturePolicy: 'StrictSign',
      msgIdFn: messageId,
      allowPublishToZeroTopicPeers: true,
      // A client that sends a message again gets it published again as far as it knows: gossipsub has it already.
      ignoreDuplicatePublishError: true,
      emitSelf: false,
      heartbeatInterval: 1000,
      seenTTL: 1800 * 1000,
      maxInboundDataLength: MAX_TRANSMIT_BYTES,
      doPX: false,
      scoreParams: { IPColocationFactorWeight: 0 },
    }),
  },
});

const pubsub = node.services.pubsub;
const pending = new Map();
let nextVerdict = 0;

// Every message received on a subscribed topic waits for the JVM's verdict before it is delivered or forwarded:
// a peer that sends invalid ones is scored down by gossipsub itself, and nothing invalid goes further from here.
function validator(peer, message) {
  return new Promise((resolve) => {
    const id = nextVerdict++;
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve('ignore');
    }, VALIDATION_TIMEOUT_MS);
    pending.set(id, (verdict) => {
      clearTimeout(timer);
      resolve(verdict);
    });
    send({ ev: 'validate', id, topic: message.topic, relayer: peer.toString(),
      source: message.type === 'signed' ? message.from.toString() : peer.toString(),
      data: Buffer.from(message.data).toString('base64') });
  });
}

node.addEventListener('peer:connect', (event) => send({ ev: 'connected', peer: event.detail.toString() }));
node.addEventListener('peer:disconnect', (event) => send({ ev: 'disconnected', peer: event.detail.toString() }));

async function handle(command) {
  switch (command.op) {
    case 'publish': {
      const data = Buffer.from(command.data, 'base64');
      try {
        const result = await pubsub.publish(command.topic, data);
        send({ ev: 'published', id: command.id, recipients: result.recipients.length });
      } catch (e) {
        send({ ev: 'published', id: command.id, recipients: 0, error: String(e.message ?? e) });
      }
      break;
    }
    case 'subscribe': {
      pubsub.topicValidators.set(command.topic, validator);
      pubsub.subscribe(command.topic);
      break;
    }
    case 'unsubscribe': {
      pubsub.unsubscribe(command.topic);
      pubsub.topicValidators.delete(command.topic);
      break;
    }
    case 'verdict': {
      const resolve = pending.get(command.id);
      if (resolve) {
        pending.delete(command.id);
        resolve(command.verdict);
      }
      break;
    }
    case 'dial': {
      try {
        await node.dial(multiaddr(command.addr), { signal: AbortSignal.timeout(command.timeoutMs ?? 10000) });
        send({ ev: 'dialed', id: command.id, ok: true });
      } catch (e) {
        send({ ev: 'dialed', id: command.id, ok: false, error: String(e.message ?? e) });
      }
      break;
    }
    case 'hangup': {
      try {
        await node.hangUp(peerIdFromString(command.peer));
      } catch (e) {
        log('warn', `hang-up of ${command.peer} failed: ${e.message ?? e}`);
      }
      break;
    }
    case 'peers': {
      send({ ev: 'peers', id: command.id, peers: node.getPeers().map((peer) => peer.toString()),
        mesh: Object.fromEntries(pubsub.getTopics().map((topic) => [topic, pubsub.getMeshPeers(topic)])) });
      break;
    }
    case 'msgid': {
      send({ ev: 'msgid', id: command.id, value: rustDefaultHash(Buffer.from(command.data, 'base64')) });
      break;
    }
    case 'stop': {
      await node.stop();
      process.exit(0);
      break;
    }
    default:
      log('warn', `unknown command ${command.op}`);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let command;
  try {
    command = JSON.parse(line);
  } catch (e) {
    log('warn', `unreadable command: ${e.message}`);
    return;
  }
  handle(command).catch((e) => log('error', `${command.op} failed: ${e.stack ?? e}`));
});
// The JVM is gone: so is this peer.
lines.on('close', async () => {
  await node.stop().catch(() => {});
  process.exit(0);
});

send({ ev: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map((a) => a.toString()) });
