package dev.rpcwall.compiler.ast;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an AST in the canonical {@code .rpcwall} layout ({@code rpcwall fmt}): one statement per
 * line, single spaces, {@code ", "} between list items, lower-case keywords, the {@code rpc} block
 * indented by two spaces. Comments stay where they were: a comment after code stays at the end of
 * that statement's first line, a comment on its own line stays before the statement that followed
 * it. Runs of blank lines become one blank line. Printing is idempotent, and parsing the output
 * gives the same AST up to spans.
 */
public final class AstPrinter {
  private static final String INDENT = "  ";

  private AstPrinter() {}

  /** The whole file, each line ending in {@code \n}. */
  public static String print(PolicyFile file) {
    List<Line> lines = new ArrayList<>();
    for (Statement s : file.statements()) {
      addLines(s, lines);
    }
    List<Comment> comments = new ArrayList<>(file.comments());
    comments.sort((a, b) -> a.span().compareTo(b.span()));
    List<Line> trailer = new ArrayList<>();
    // Comments are placed in one forward pass: both lists are in source order.
    List<Line> out = new ArrayList<>(lines.size() + comments.size());
    int next = 0;
    for (Comment c : comments) {
      int line = c.span().line();
      Line host = trailingHost(lines, next, out, c);
      if (host != null) {
        host.trailing = c.text();
        continue;
      }
      while (next < lines.size() && !(lines.get(next).first > line)) {
        out.add(lines.get(next++));
      }
      String indent = next < lines.size() ? lines.get(next).indent : "";
      Line standalone = new Line(indent, c.text(), line, line, 0);
      if (next < lines.size()) {
        out.add(standalone);
      } else {
        trailer.add(standalone);
      }
    }
    while (next < lines.size()) {
      out.add(lines.get(next++));
    }
    out.addAll(trailer);

    StringBuilder b = new StringBuilder();
    Line previous = null;
    for (Line l : out) {
      if (previous != null
          && (previous.blankAfter
              || (l.first > 0 && previous.last > 0 && l.first > previous.last + 1))) {
        b.append('\n');
      }
      b.append(l.indent).append(l.text);
      if (l.trailing != null) {
        b.append("  ").append(l.trailing);
      }
      b.append('\n');
      previous = l;
    }
    return b.toString();
  }

  /**
   * The already-emitted or pending line that starts on the comment's line, before the comment;
   * comments only ever trail the first line of a statement.
   */
  private static Line trailingHost(List<Line> lines, int next, List<Line> out, Comment c) {
    Line host = null;
    for (int i = next; i < lines.size() && lines.get(i).first <= c.span().line(); i++) {
      if (hosts(lines.get(i), c)) {
        host = lines.get(i);
      }
    }
    if (host == null && !out.isEmpty() && hosts(out.get(out.size() - 1), c)) {
      host = out.get(out.size() - 1);
    }
    return host;
  }

  /**
   * A comment trails a line when it follows code on the line's first source line, or sits inside
   * a statement written across several lines (which is printed on one).
   */
  private static boolean hosts(Line l, Comment c) {
    int line = c.span().line();
    if (l.trailing != null || l.column <= 0) {
      return false;
    }
    return (l.first == line && l.column < c.span().column()) || (l.first < line && line <= l.last);
  }

  /** One statement as one line; the {@code rpc} block as several lines joined by {@code \n}. */
  public static String print(Statement statement) {
    List<Line> lines = new ArrayList<>();
    addLines(statement, lines);
    return lines.stream().map(l -> l.indent + l.text).collect(Collectors.joining("\n"));
  }

  /** {@code a, b except c}. */
  public static String print(NetworkExpr expr) {
    String include = networkItems(expr.include());
    return expr.exclude().isEmpty() ? include : include + " except " + networkItems(expr.exclude());
  }

  /** {@code tcp 135, 445, smb}. */
  public static String printServices(List<ServiceItem> items) {
    return items.stream().map(AstPrinter::serviceItem).collect(Collectors.joining(", "));
  }

  /** A string literal with the escapes of the language: {@code \"}, {@code \\}, {@code \n}, ... */
  public static String quote(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(cp)
              || (cp >= 0xD800 && cp <= 0xDFFF)
              || Character.getType(cp) == Character.LINE_SEPARATOR
              || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
            b.append("\\u{").append(Integer.toHexString(cp)).append('}');
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static void addLines(Statement s, List<Line> lines) {
    SourceSpan span = s.span();
    if (s instanceof RpcBlock rpc) {
      lines.add(new Line("", "rpc {", span.line(), span.line(), span.column()));
      for (RpcSetting setting : rpc.settings()) {
        int line = setting.span().line();
        lines.add(new Line(INDENT, rpcSetting(setting), line, line, setting.span().column()));
      }
      // The closing brace has no span of its own, so its line is unknown: it never takes a
      // comment, and the canonical layout always puts a blank line after the block.
      Line close = new Line("", "}", 0, 0, 0);
      close.blankAfter = true;
      lines.add(close);
      return;
    }
    lines.add(new Line("", s.accept(TEXT), span.line(), lastLine(s), span.column()));
  }

  private static String rpcSetting(RpcSetting setting) {
    if (setting instanceof RpcSetting.DynamicPorts d) {
      return "dynamic ports " + ranges(d.ranges());
    }
    if (setting instanceof RpcSetting.WmiFixedPort w) {
      return "wmi fixed port " + range(w.port());
    }
    throw new IllegalStateException("unhandled rpc setting " + setting);
  }

  private static final StatementVisitor<String> TEXT =
      new StatementVisitor<>() {
        @Override
        public String visitPolicy(PolicyDecl node) {
          return "policy " + quote(node.name().value());
        }

        @Override
        public String visitDescription(DescriptionDecl node) {
          return "description " + quote(node.text().value());
        }

        @Override
        public String visitReplaces(ReplacesDecl node) {
          return "replaces "
              + node.names().stream().map(n -> quote(n.value())).collect(Collectors.joining(", "));
        }

        @Override
        public String visitImport(ImportDecl node) {
          // An import path is read raw (no escapes): print it exactly as written, so fmt keeps
          // "common\networks.rpcwall" byte for byte.
          return "import \"" + node.path().value() + "\"";
        }

        @Override
        public String visitNetwork(NetworkDecl node) {
          return "network " + node.name().name() + " = " + print(node.value());
        }

        @Override
        public String visitService(ServiceDecl node) {
          return "service " + node.name().name() + " = " + printServices(node.items());
        }

        @Override
        public String visitRpc(RpcBlock node) {
          throw new IllegalStateException("rpc blocks are printed line by line");
        }

        @Override
        public String visitRule(RuleDecl node) {
          String text =
              node.action().keyword()
                  + " "
                  + print(node.from())
                  + " to "
                  + printServices(node.to());
          if (!node.profiles().isEmpty()) {
            text +=
                " on "
                    + node.profiles().stream()
                        .map(p -> p.profile().keyword())
                        .collect(Collectors.joining(", "));
          }
          return text;
        }

        @Override
        public String visitDefault(DefaultDecl node) {
          return "default " + node.action().keyword();
        }
      };

  private static String networkItems(List<NetworkItem> items) {
    return items.stream().map(AstPrinter::networkItem).collect(Collectors.joining(", "));
  }

  private static String networkItem(NetworkItem item) {
    if (item instanceof NetworkRef ref) {
      return ref.name().name();
    }
    if (item instanceof AddressLit lit) {
      return lit.text();
    }
    throw new IllegalStateException("unhandled network item " + item);
  }

  private static String serviceItem(ServiceItem item) {
    if (item instanceof ServiceRef ref) {
      return ref.name().name();
    }
    if (item instanceof PortLit lit) {
      return lit.protocol().keyword() + " " + ranges(lit.ranges());
    }
    throw new IllegalStateException("unhandled service item " + item);
  }

  private static String ranges(List<PortRangeLit> ranges) {
    return ranges.stream().map(AstPrinter::range).collect(Collectors.joining(", "));
  }

  private static String range(PortRangeLit r) {
    return r.isSingle() ? Long.toString(r.first()) : r.first() + "-" + r.last();
  }

  /** The last source line any part of a one-line statement was on (statements may span lines). */
  private static int lastLine(Statement s) {
    int last = s.span().line();
    List<Node> parts = new ArrayList<>();
    if (s instanceof NetworkDecl n) {
      parts.addAll(n.value().include());
      parts.addAll(n.value().exclude());
    } else if (s instanceof ServiceDecl d) {
      for (ServiceItem i : d.items()) {
        parts.add(i);
        if (i instanceof PortLit p) {
          parts.addAll(p.ranges());
        }
      }
    } else if (s instanceof RuleDecl r) {
      parts.addAll(r.from().include());
      parts.addAll(r.from().exclude());
      for (ServiceItem i : r.to()) {
        parts.add(i);
        if (i instanceof PortLit p) {
          parts.addAll(p.ranges());
        }
      }
      parts.addAll(r.profiles());
    } else if (s instanceof PolicyDecl p) {
      parts.add(p.name());
    } else if (s instanceof DescriptionDecl d) {
      parts.add(d.text());
    } else if (s instanceof ReplacesDecl r) {
      parts.addAll(r.names());
    } else if (s instanceof ImportDecl i) {
      parts.add(i.path());
    }
    for (Node n : parts) {
      last = Math.max(last, n.span().line());
    }
    return last;
  }

  /** One output line and the source lines it came from (0 when synthesized). */
  private static final class Line {
    final String indent;
    final String text;
    final int first;
    final int last;
    final int column;
    String trailing;
    boolean blankAfter;

    Line(String indent, String text, int first, int last, int column) {
      this.indent = indent;
      this.text = text;
      this.first = first;
      this.last = last;
      this.column = column;
    }
  }
}
