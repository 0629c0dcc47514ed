// Drives a node with the official Aleph TypeScript SDK, unchanged: with an account of each chain family it
// posts, amends, writes aggregates, stores files (storage and ipfs engines), publishes a program and an instance,
// forgets, and reads everything back
// through the SDK's own read calls.
// Usage: node run.mjs http://127.0.0.1:PORT [CRN URL and program zip]
//   (prints "ok <check>" per check; exits 1 at the first failure). With a CRN, the ETH account also publishes the
//   zip as an ASGI program (main:app) with createProgram's defaults and calls it through the CRN's /vm/{hash}/.
import assert from 'node:assert/strict';
import { AuthenticatedAlephHttpClient } from '@aleph-sdk/client';
import * as ethereum from '@aleph-sdk/ethereum';
import * as solana from '@aleph-sdk/solana';
import * as tezos from '@aleph-sdk/tezos';
import { ForgottenMessageError, ItemType, getMessagesSocket } from '@aleph-sdk/message';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const node = process.argv[2];
const crn = process.argv[3];
const programZip = process.argv[4];
if (!node) {
  console.error('usage: node run.mjs <node url>');
  process.exit(2);
}

async function accounts() {
  return [
    ['ETH', ethereum.newAccount().account],
    ['SOL', solana.newAccount().account],
    ['TEZOS', (await tezos.newAccount()).signerAccount],
  ];
}

async function until(condition, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function check(name, body) {
  await body();
  console.log(`ok ${name}`);
}

async function scenario(chain, account) {
  const client = new AuthenticatedAlephHttpClient(account, node);
  const address = account.address;
  const tag = `${chain}-${Date.now()}`;

  const post = await client.createPost({
    postType: 'note', channel: 'TEST', sync: true, content: { body: `hello from ${chain}`, tags: [tag] },
  });
  await check(`${chain} createPost is processed and getPost reads it`, async () => {
    const read = await client.getPost({ types: 'note', hashes: [post.item_hash] });
    assert.equal(read.item_hash, post.item_hash);
    assert.equal(read.content.body, `hello from ${chain}`);
    assert.equal(read.address, address);
  });

  const amend = await client.createPost({
    postType: 'amend', ref: post.item_hash, channel: 'TEST', sync: true, content: { body: `amended on ${chain}` },
  });
  await check(`${chain} an amend is what getPosts serves`, async () => {
    const page = await client.getPosts({ hashes: [post.item_hash] });
    assert.equal(page.posts.length, 1);
    assert.equal(page.posts[0].content.body, `amended on ${chain}`);
    assert.equal(page.posts[0].item_hash, amend.item_hash);
    assert.equal(page.posts[0].original_item_hash, post.item_hash);
    const byAddress = await client.getPosts({ addresses: [address], types: ['note'] });
    assert.equal(byAddress.posts.length, 1);
  });

  await client.createAggregate({ key: 'profile', content: { name: chain, level: 1 }, sync: true });
  await client.createAggregate({ key: 'profile', content: { level: 2 }, sync: true });
  await client.createAggregate({ key: 'settings', content: { theme: 'dark' }, sync: true });
  await check(`${chain} aggregates merge and fetchAggregate(s) read them`, async () => {
    const profile = await client.fetchAggregate(address, 'profile');
    assert.deepEqual(profile, { name: chain, level: 2 });
    const both = await client.fetchAggregates(address, ['profile', 'settings']);
    assert.deepEqual(both.settings, { theme: 'dark' });
    assert.equal(both.profile.level, 2);
  });

  await check(`${chain} getMessage and getMessages read the messages`, async () => {
    const message = await client.getMessage(post.item_hash);
    assert.equal(message.item_hash, post.item_hash);
    assert.equal(message.type, 'POST');
    assert.equal(message.sender, address);
    assert.equal(message.content.content.body, `hello from ${chain}`);
    const posts = await client.getMessages({ addresses: [address], messageTypes: ['POST'], hashes: [post.item_hash,
      amend.item_hash] });
    assert.equal(posts.pagination_total, 2);
    assert.deepEqual(new Set(posts.messages.map((m) => m.item_hash)), new Set([post.item_hash, amend.item_hash]));
    const aggregates = await client.getMessages({ addresses: [address], messageTypes: ['AGGREGATE'],
      contentKeys: ['profile'] });
    assert.equal(aggregates.messages.length, 2);
    const tagged = await client.getMessages({ tags: [tag] });
    assert.equal(tagged.messages.length, 1);
  });

  await check(`${chain} the messages websocket sends history, then new messages as they are processed`, async () => {
    const socket = getMessagesSocket({
      apiServer: node.replace(/^http/, 'ws'), addresses: [address], messageType: 'POST', history: 5,
    });
    await until(() => socket.getData().length >= 2, 'two history frames');
    assert.deepEqual(socket.getData().map((m) => m.item_hash), [post.item_hash, amend.item_hash]);
    const live = await client.createPost({ postType: 'note', channel: 'TEST', sync: true, content: { live: true } });
    await until(() => socket.getData().length >= 3, 'a live frame');
    assert.equal(socket.getData()[2].item_hash, live.item_hash);
    assert.equal(socket.getData()[2].content.content.live, true);
    socket.closeSocket();
  });

  const bytes = new TextEncoder().encode(`a file stored from ${chain}\nwith a second line\n`);
  const store = await client.createStore({ fileObject: new Blob([bytes]), channel: 'TEST', sync: true });
  await check(`${chain} createStore uploads a file with its STORE message and downloadFile reads it back`, async () => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    assert.equal(store.content.item_hash, sha256);
    const message = await client.getMessage(store.item_hash);
    assert.equal(message.type, 'STORE');
    assert.equal(message.content.item_hash, sha256);
    const downloaded = new Uint8Array(await client.downloadFile(sha256));
    assert.deepEqual(downloaded, bytes);
  });

  const ipfsStore = await client.createStore({
    fileObject: new Blob([bytes]), storageEngine: ItemType.ipfs, channel: 'TEST', sync: true,
  });
  await check(`${chain} createStore on the ipfs engine gets the file's CIDv0 and downloadFile reads it back`, async () => {
    assert.match(ipfsStore.content.item_hash, /^Qm[1-9A-HJ-NP-Za-km-z]{44}$/);
    const message = await client.getMessage(ipfsStore.item_hash);
    assert.equal(message.content.item_type, 'ipfs');
    const downloaded = new Uint8Array(await client.downloadFile(ipfsStore.content.item_hash));
    assert.deepEqual(downloaded, bytes);
  });

  const program = await client.createProgram({
    file: new Blob([new TextEncoder().encode('async def app(scope, receive, send):\n    pass\n')]),
    entrypoint: 'main:app', channel: 'TEST', subscriptions: [{ channel: `TRIGGER-${tag}` }], sync: true,
  });
  await check(`${chain} createProgram (code on the ipfs engine) is processed and listed as message-triggered`,
    async () => {
      const message = await client.getMessage(program.item_hash);
      assert.equal(message.type, 'PROGRAM');
      assert.equal(message.content.type, 'vm-function');
      assert.match(message.content.code.ref, /^[0-9a-f]{64}$/);
      const code = await client.getMessage(message.content.code.ref);
      assert.equal(code.type, 'STORE');
      assert.equal(code.content.item_type, 'ipfs');
      const triggered = await (await fetch(`${node}/api/v0/programs/on/message`)).json();
      const listed = triggered.find((item) => item.item_hash === program.item_hash);
      assert.deepEqual(listed.content.on.message, [{ channel: `TRIGGER-${tag}` }]);
    });

  if (crn && chain === 'ETH') {
    // As a user publishes a program: their zip, createProgram's defaults (code on the ipfs engine, the SDK's
    // default runtime, internet on, 30 s), then a request to a CRN.
    const published = await client.createProgram({
      file: new Blob([readFileSync(programZip)]), entrypoint: 'main:app', channel: 'TEST',
      variables: { GREETING: `hello ${tag}` }, sync: true,
    });
    await check(`${chain} a program published with createProgram answers through the CRN's /vm/{hash}/`, async () => {
      const response = await fetch(`${crn}/vm/${published.item_hash}/greet?name=sdk`, {
        method: 'POST', body: 'from the SDK test',
      });
      assert.equal(response.status, 200, await response.clone().text());
      const answer = await response.json();
      assert.deepEqual(answer, {
        path: '/greet', query: 'name=sdk', body: 'from the SDK test', greeting: `hello ${tag}`,
      });
      assert.equal(response.headers.get('aleph-program-itemhash'), published.item_hash);
    });
  }

  const instance = await client.createInstance({ channel: 'TEST', sync: true });
  await check(`${chain} createInstance with the SDK's defaults is processed`, async () => {
    const message = await client.getMessage(instance.item_hash);
    assert.equal(message.type, 'INSTANCE');
    assert.equal(message.content.rootfs.persistence, 'host');
  });

  const forget = await client.forget({ hashes: [post.item_hash], reason: 'sdk test', sync: true });
  await check(`${chain} forget removes the post from every read`, async () => {
    await assert.rejects(client.getMessage(post.item_hash), ForgottenMessageError);
    const page = await client.getPosts({ hashes: [post.item_hash] });
    assert.equal(page.posts.length, 0);
    const forgetMessage = await client.getMessage(forget.item_hash);
    assert.equal(forgetMessage.type, 'FORGET');
  });
}

try {
  for (const [chain, account] of await accounts()) {
    await scenario(chain, account);
  }
  console.log('all SDK checks passed');
} catch (error) {
  console.error('SDK check failed:', error?.stack ?? error);
  if (error?.response) {
    console.error('response:', error.response.status, JSON.stringify(error.response.data));
  }
  process.exit(1);
}
