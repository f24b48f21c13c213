/**
 * What a host carries, as read from the inputs users have (scripts, exports, dumps, registry
 * files): {@link HostState} collects the firewall rules, profile settings, RPC registry values and
 * legacy IPsec filters of one host, each traced to the file and line it came from; {@link
 * HostReader} is what every input format implements; {@link HostNote} is what a reader could not
 * read or what Windows itself would refuse. {@link EffectiveHost} turns the collected state into
 * the evaluators' terms. Used by {@code lint} and {@code verify}.
 */
package dev.rpcwall.compiler.host;
