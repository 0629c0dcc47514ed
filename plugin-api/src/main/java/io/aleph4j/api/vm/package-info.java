/**
 * Running PROGRAM workloads on a CRN. The CRN's supervisor (the network side: messages, downloads, HTTP, idle
 * policy) resolves a program to local files and a {@link io.aleph4j.api.vm.VmSpec}; a {@link
 * io.aleph4j.api.vm.VmRuntime} (the hypervisor side: a sandboxed process, an in-JVM WebAssembly module, and later a
 * Firecracker or QEMU micro-VM) starts it and carries HTTP requests into it. No Aleph message crosses this seam.
 * Everything here is {@link io.aleph4j.api.Experimental} until a second kind of runtime has shaped it.
 */
package io.aleph4j.api.vm;
