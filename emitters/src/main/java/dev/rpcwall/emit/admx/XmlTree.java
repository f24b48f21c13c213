package dev.rpcwall.emit.admx;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read with the JDK's StAX parser, each element with the line and column it
 * starts at, so the ADMX/ADML readers can point at what they do not understand. DTDs and external
 * entities are refused (an ADMX file has none).
 */
final class XmlTree {
  /** One element: namespace URI, local name, attributes (no namespace declarations), text, children. */
  record Node(String ns, String name, Map<String, String> attrs, StringBuilder text, List<Node> children, SourceSpan span) {
    Optional<Node> child(String local) {
      return children.stream().filter(c -> c.name.equals(local)).findFirst();
    }

    List<Node> all(String local) {
      return children.stream().filter(c -> c.name.equals(local)).toList();
    }

    String attr(String a) {
      return attrs.getOrDefault(a, "");
    }
  }

  private XmlTree() {}

  /**
   * The file's root element when it parses and is {@code root} in namespace {@code ns}; otherwise
   * an error with {@code code} and empty.
   */
  static Optional<Node> parseRoot(SourceFile file, String code, String root, String ns, Diagnostics out) {
    Optional<Node> parsed = parse(file, code, out);
    if (parsed.isPresent() && !(parsed.get().name().equals(root) && parsed.get().ns().equals(ns))) {
      out.error(code, parsed.get().span(), "the root element must be " + root + " in " + ns, null);
      return Optional.empty();
    }
    return parsed;
  }

  static Optional<Node> parse(SourceFile file, String code, Diagnostics out) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    String text = file.text().startsWith("\uFEFF") ? file.text().substring(1) : file.text();
    Deque<Node> stack = new ArrayDeque<>();
    Node root = null;
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(new StringReader(text));
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          Map<String, String> attrs = new LinkedHashMap<>();
          for (int i = 0; i < r.getAttributeCount(); i++) {
            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
          }
          Location l = r.getLocation();
          Node n = new Node(r.getNamespaceURI() == null ? "" : r.getNamespaceURI(), r.getLocalName(), attrs,
              new StringBuilder(), new ArrayList<>(), SourceSpan.at(file.name(), Math.max(1, l.getLineNumber()),
                  Math.max(1, l.getColumnNumber()), 1));
          if (stack.isEmpty()) {
            root = n;
          } else {
            stack.peek().children().add(n);
          }
          stack.push(n);
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          stack.pop();
        } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) && !stack.isEmpty()) {
          stack.peek().text().append(r.getText());
        } else if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
          Location l = r.getLocation();
          out.error(code, SourceSpan.at(file.name(), Math.max(1, l.getLineNumber()), Math.max(1, l.getColumnNumber()), 1),
              "a DTD or entity reference is not read", "ADMX and ADML files have none");
          return Optional.empty();
        }
      }
    } catch (XMLStreamException e) {
      Location l = e.getLocation();
      int line = l == null ? 1 : Math.max(1, l.getLineNumber());
      int col = l == null ? 1 : Math.max(1, l.getColumnNumber());
      String msg = e.getMessage() == null ? "malformed XML" : e.getMessage().replaceAll("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
      out.error(code, SourceSpan.at(file.name(), line, col, 1), "not well-formed XML: " + msg.strip(), null);
      return Optional.empty();
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing was held open
        }
      }
    }
    if (root == null) {
      out.error(code, SourceSpan.at(file.name(), 1, 1, 1), "no root element", null);
    }
    return Optional.ofNullable(root);
  }

  /** Text escaped for an XML attribute or element. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          // XML 1.0 Char: tab, LF, CR and >= 0x20 except surrogates and FFFE/FFFF; others become '?'
          boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
          if (!ok) {
            b.append('?');
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.toString();
  }
}
