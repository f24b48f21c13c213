package dev.rpcwall.compiler.ast;

/** One element of a service list: a name or a protocol with ports. */
public sealed interface ServiceItem extends Node permits ServiceRef, PortLit {}
