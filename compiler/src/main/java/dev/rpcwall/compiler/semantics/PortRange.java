package dev.rpcwall.compiler.semantics;

/** An inclusive range of ports, {@code 0 <= first <= last <= 65535}. */
public record PortRange(int first, int last) implements Comparable<PortRange> {
  public static final int MAX_PORT = 65535;
  public static final PortRange ALL = new PortRange(0, MAX_PORT);

  public PortRange {
    if (first < 0 || last > MAX_PORT || first > last) {
      throw new IllegalArgumentException("bad port range " + first + "-" + last);
    }
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  public static PortRange of(int first, int last) {
    return new PortRange(first, last);
  }

  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  public int size() {
    return last - first + 1;
  }

  /** {@code 135} or {@code 5001-5021}: no spaces, as the RPC registry values need (KB201911). */
  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }

  @Override
  public int compareTo(PortRange o) {
    return first != o.first ? Integer.compare(first, o.first) : Integer.compare(last, o.last);
  }
}
