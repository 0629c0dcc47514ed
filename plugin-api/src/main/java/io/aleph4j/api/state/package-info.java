/**
 * The node's state, derived from processed messages and rebuildable from the log: the
 * {@link io.aleph4j.api.state.StateStore} extension point, its queries and the records they answer.
 */
package io.aleph4j.api.state;
