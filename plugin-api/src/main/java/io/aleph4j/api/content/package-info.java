/**
 * The node's content: message contents and files, addressed by their sha256 ({@code storage}) or CID
 * ({@code ipfs}). Plugins read and write it through the kernel's {@link io.aleph4j.api.content.ContentService};
 * they extend it with {@link io.aleph4j.api.content.ContentStore}s (where content is kept) and
 * {@link io.aleph4j.api.content.ContentSource}s (where missing content is fetched from).
 */
package io.aleph4j.api.content;
