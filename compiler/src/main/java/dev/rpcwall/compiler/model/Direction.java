package dev.rpcwall.compiler.model;

/** Rule direction; everything a policy compiles to is inbound. */
public enum Direction {
  IN,
  OUT
}
