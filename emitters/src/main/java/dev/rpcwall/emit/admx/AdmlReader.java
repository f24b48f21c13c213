package dev.rpcwall.emit.admx;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.admx.XmlTree.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an ADML file: policyDefinitionResources with displayName, description and
 * resources/stringTable (string id) and resources/presentationTable (presentation id and its
 * controls) (Microsoft "ADMX Schema": string element (.adml),
 * https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc754845(v=ws.10);
 * multiTextBox, https://learn.microsoft.com/en-us/previous-versions/windows/desktop/policy/element-multitextbox).
 * A string or presentation id given twice, or an element outside this subset, is a diagnostic.
 */
public final class AdmlReader implements Reader<AdmlResources> {
  @Override
  public TargetId target() {
    return TargetId.ADMX;
  }

  @Override
  public Result<AdmlResources> read(SourceFile file) {
    Diagnostics d = new Diagnostics();
    Optional<Node> parsed =
        XmlTree.parseRoot(file, Codes.ADMX_READ, "policyDefinitionResources", AdmxReader.NS, d);
    if (parsed.isEmpty()) {
      return Result.failed(d);
    }
    Node root = parsed.get();
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, List<AdmlResources.Control>> presentations = new LinkedHashMap<>();
    Map<String, SourceSpan> where = new LinkedHashMap<>();
    for (Node n : root.children()) {
      switch (n.name()) {
        case "displayName", "description" -> { }
        case "resources" -> {
          for (Node t : n.children()) {
            if (t.name().equals("stringTable")) {
              for (Node s : t.children()) {
                if (!s.name().equals("string")) {
                  unknown(s, d);
                } else if (strings.putIfAbsent(s.attr("id"), s.text().toString()) != null) {
                  d.error(Codes.ADMX_READ, s.span(), "string id '" + s.attr("id") + "' is defined twice", null);
                } else {
                  where.put("string." + s.attr("id"), s.span());
                }
              }
            } else if (t.name().equals("presentationTable")) {
              for (Node p : t.children()) {
                if (!p.name().equals("presentation")) {
                  unknown(p, d);
                  continue;
                }
                List<AdmlResources.Control> controls = new ArrayList<>();
                for (Node c : p.children()) {
                  controls.add(new AdmlResources.Control(c.name(), c.attr("refId"), c.text().toString().strip()));
                }
                if (presentations.putIfAbsent(p.attr("id"), controls) != null) {
                  d.error(Codes.ADMX_READ, p.span(), "presentation id '" + p.attr("id") + "' is defined twice", null);
                } else {
                  where.put("presentation." + p.attr("id"), p.span());
                }
              }
            } else {
              unknown(t, d);
            }
          }
        }
        default -> unknown(n, d);
      }
    }
    return Result.of(new AdmlResources(strings, presentations, where), d);
  }

  private static void unknown(Node n, Diagnostics d) {
    d.error(Codes.ADMX_READ, n.span(), "element '" + n.name() + "' is not read here", null);
  }
}
