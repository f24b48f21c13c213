package dev.rpcwall.compiler.ast;

/** One element of a network list: a name or an address literal. */
public sealed interface NetworkItem extends Node permits NetworkRef, AddressLit {}
