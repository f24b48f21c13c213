/**
 * Reading the inputs users have from their hosts (scripts, exports, dumps, registry files) into
 * one {@link dev.rpcwall.compiler.host.HostState}: {@link HostInputs} decodes each file, picks its
 * reader by content and collects what could not be read. One subpackage per format family.
 */
package dev.rpcwall.emit.host;
