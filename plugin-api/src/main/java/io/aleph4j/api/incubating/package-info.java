/**
 * Extension points that no plugin implements yet: their shape is a sketch until the issue that implements them
 * settles it. Everything here is {@link io.aleph4j.api.Experimental}, outside the plugin-api compatibility check,
 * and may change or move in any version; a type leaves this package, into the stable API, with its first real
 * implementation.
 */
package io.aleph4j.api.incubating;
