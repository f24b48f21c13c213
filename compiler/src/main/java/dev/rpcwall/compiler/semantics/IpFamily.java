package dev.rpcwall.compiler.semantics;

/** Address family; IPv4 addresses use the low 32 bits of {@link Ip#lo()}. */
public enum IpFamily {
  IPV4(32),
  IPV6(128);

  private final int bits;

  IpFamily(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }
}
