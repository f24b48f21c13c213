package dev.rpcwall.compiler.semantics;

import java.util.Locale;

/** Windows Firewall profiles (windows-semantics.md section 2.2): Domain 1, Private 2, Public 4. */
public enum Profile {
  DOMAIN(1),
  PRIVATE(2),
  PUBLIC(4);

  private final int bit;

  Profile(int bit) {
    this.bit = bit;
  }

  /** The FW_PROFILE_TYPE bit of MS-FASP. */
  public int bit() {
    return bit;
  }

  /** Lower-case name as written in policies: {@code domain}, {@code private}, {@code public}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
