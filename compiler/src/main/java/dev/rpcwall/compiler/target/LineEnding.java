package dev.rpcwall.compiler.target;

/** Line terminator of an emitted file. */
public enum LineEnding {
  CRLF("\r\n"),
  LF("\n");

  private final String chars;

  LineEnding(String chars) {
    this.chars = chars;
  }

  public String chars() {
    return chars;
  }
}
