package dev.rpcwall.compiler.semantics;

import java.util.Locale;

/** The transport protocols a policy governs, with their IANA numbers. */
public enum Protocol {
  TCP(6),
  UDP(17);

  private final int number;

  Protocol(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** Lower-case name as written in policies: {@code tcp}, {@code udp}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
