package dev.rpcwall.emit.admx;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.admx.AdmxTemplate.Category;
import dev.rpcwall.emit.admx.AdmxTemplate.Element;
import dev.rpcwall.emit.admx.AdmxTemplate.Item;
import dev.rpcwall.emit.admx.AdmxTemplate.Ref;
import dev.rpcwall.emit.admx.XmlTree.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an ADMX file (the policyDefinitions schema: policyDefinitions, policyNamespaces with
 * target and using, resources, supportedOn/definitions, categories, policies/policy with
 * parentCategory, supportedOn, enabledList/disabledList items and elements; Microsoft "ADMX
 * Schema", https://learn.microsoft.com/en-us/previous-versions/windows/desktop/Policy/element-policydefinitions
 * and the pages it links). Every element or value outside the subset rpcwall writes is a
 * diagnostic at its line and column.
 */
public final class AdmxReader implements Reader<AdmxTemplate> {
  /** The Group Policy schema namespace every ADMX and ADML file declares. */
  public static final String NS = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions";

  private static final Pattern STRING_REF = Pattern.compile("^\\$\\(string\\.([^)]+)\\)$");
  private static final Pattern PRESENTATION_REF = Pattern.compile("^\\$\\(presentation\\.([^)]+)\\)$");

  @Override
  public TargetId target() {
    return TargetId.ADMX;
  }

  @Override
  public Result<AdmxTemplate> read(SourceFile file) {
    Diagnostics d = new Diagnostics();
    Optional<Node> parsed = XmlTree.parseRoot(file, Codes.ADMX_READ, "policyDefinitions", NS, d);
    if (parsed.isEmpty()) {
      return Result.failed(d);
    }
    Node root = parsed.get();
    String prefix = "";
    String namespace = "";
    Map<String, String> usings = new LinkedHashMap<>();
    Map<String, dev.rpcwall.compiler.source.SourceSpan> supported = new LinkedHashMap<>();
    List<Category> categories = new ArrayList<>();
    List<AdmxTemplate.Policy> policies = new ArrayList<>();
    List<Ref> strings = new ArrayList<>();
    List<Ref> presentations = new ArrayList<>();
    for (Node n : root.children()) {
      switch (n.name()) {
        case "policyNamespaces" -> {
          for (Node c : n.children()) {
            if (c.name().equals("target")) {
              prefix = c.attr("prefix");
              namespace = c.attr("namespace");
            } else if (c.name().equals("using")) {
              usings.put(c.attr("prefix"), c.attr("namespace"));
            } else {
              unknown(c, d);
            }
          }
        }
        case "resources" -> { }
        case "supportedOn" -> {
          for (Node defs : n.children()) {
            if (!defs.name().equals("definitions")) {
              unknown(defs, d);
              continue;
            }
            for (Node def : defs.children()) {
              if (!def.name().equals("definition")) {
                unknown(def, d);
                continue;
              }
              supported.put(def.attr("name"), def.span());
              ref(def, "displayName", STRING_REF, strings, d);
            }
          }
        }
        case "categories" -> {
          for (Node c : n.children()) {
            if (!c.name().equals("category")) {
              unknown(c, d);
              continue;
            }
            ref(c, "displayName", STRING_REF, strings, d);
            Optional<String> parent = c.child("parentCategory").map(p -> p.attr("ref"));
            categories.add(new Category(c.attr("name"), parent, c.span()));
          }
        }
        case "policies" -> {
          for (Node p : n.children()) {
            if (!p.name().equals("policy")) {
              unknown(p, d);
              continue;
            }
            policies.add(policy(p, strings, presentations, d));
          }
        }
        default -> unknown(n, d);
      }
    }
    return Result.of(new AdmxTemplate(prefix, namespace, usings, supported, categories, policies, strings,
        presentations), d);
  }

  private static AdmxTemplate.Policy policy(Node p, List<Ref> strings, List<Ref> presentations, Diagnostics d) {
    ref(p, "displayName", STRING_REF, strings, d);
    if (!p.attr("explainText").isEmpty()) {
      ref(p, "explainText", STRING_REF, strings, d);
    }
    Optional<String> presentation = Optional.empty();
    if (!p.attr("presentation").isEmpty()) {
      presentation = ref(p, "presentation", PRESENTATION_REF, presentations, d);
    }
    for (String a : p.attrs().keySet()) {
      if (!Set.of("name", "class", "displayName", "explainText", "presentation", "key", "valueName").contains(a)) {
        d.error(Codes.ADMX_READ, p.span(), "policy attribute '" + a + "' is not read", null);
      }
    }
    String key = p.attr("key");
    Optional<String> supportedOn = Optional.empty();
    Optional<String> parent = Optional.empty();
    List<Item> enabled = new ArrayList<>();
    List<Item> disabled = new ArrayList<>();
    List<Element> elements = new ArrayList<>();
    for (Node c : p.children()) {
      switch (c.name()) {
        case "parentCategory" -> parent = Optional.of(c.attr("ref"));
        case "supportedOn" -> supportedOn = Optional.of(c.attr("ref"));
        case "enabledList" -> items(c, key, enabled, d);
        case "disabledList" -> items(c, key, disabled, d);
        case "elements" -> {
          for (Node e : c.children()) {
            if (!Set.of("multiText", "text", "decimal", "boolean", "enum", "list", "longDecimal").contains(e.name())) {
              unknown(e, d);
              continue;
            }
            elements.add(new Element(e.name(), e.attr("id"), e.attrs().getOrDefault("key", key), e.attr("valueName"), e.span()));
          }
        }
        default -> unknown(c, d);
      }
    }
    return new AdmxTemplate.Policy(p.attr("name"), p.attr("class"), key, supportedOn, parent, presentation,
        enabled, disabled, elements, p.span());
  }

  private static void items(Node list, String policyKey, List<Item> out, Diagnostics d) {
    for (Node item : list.children()) {
      if (!item.name().equals("item")) {
        unknown(item, d);
        continue;
      }
      Optional<Node> value = item.child("value");
      Optional<Node> content = value.flatMap(v -> v.children().stream().findFirst());
      if (content.isEmpty() || value.get().children().size() != 1) {
        d.error(Codes.ADMX_READ, item.span(), "an item needs a value with exactly one of string or delete", null);
        continue;
      }
      String kind = content.get().name();
      if (!kind.equals("string") && !kind.equals("delete")) {
        d.error(Codes.ADMX_READ, content.get().span(), "item value '" + kind + "' is not read (string or delete only)",
            "the RPC settings are REG_SZ strings (windows-semantics.md 6.1)");
        continue;
      }
      String key = item.attrs().getOrDefault("key", policyKey);
      out.add(new Item(key, item.attr("valueName"),
          kind.equals("string") ? Optional.of(content.get().text().toString()) : Optional.empty(),
          kind.equals("delete")));
    }
  }

  private static Optional<String> ref(Node n, String attr, Pattern p, List<Ref> out, Diagnostics d) {
    Matcher m = p.matcher(n.attr(attr));
    if (!m.matches()) {
      d.error(Codes.ADMX_READ, n.span(), attr + " of " + n.name() + " must be a reference like "
          + (p == STRING_REF ? "$(string.Id)" : "$(presentation.Id)") + ", not '" + n.attr(attr) + "'",
          "ADMX files hold no display text; it belongs in the ADML");
      return Optional.empty();
    }
    out.add(new Ref(m.group(1), n.span()));
    return Optional.of(m.group(1));
  }

  private static void unknown(Node n, Diagnostics d) {
    d.error(Codes.ADMX_READ, n.span(), "element '" + n.name() + "' is not read here", null);
  }
}
