package dev.rpcwall.emit.admx;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link AdmxReader} reads from an ADMX file: the target namespace and prefix, the
 * {@code using} namespaces, the supportedOn definitions and categories it defines, its policies,
 * and every {@code $(string.X)} / {@code $(presentation.X)} reference with where it stands.
 */
public record AdmxTemplate(
    String targetPrefix,
    String targetNamespace,
    Map<String, String> usings,
    Map<String, SourceSpan> supportedOnDefinitions,
    List<Category> categories,
    List<Policy> policies,
    List<Ref> stringRefs,
    List<Ref> presentationRefs) {
  public AdmxTemplate {
    usings = Map.copyOf(usings);
    supportedOnDefinitions = Map.copyOf(supportedOnDefinitions);
    categories = List.copyOf(categories);
    policies = List.copyOf(policies);
    stringRefs = List.copyOf(stringRefs);
    presentationRefs = List.copyOf(presentationRefs);
  }

  public record Ref(String id, SourceSpan span) {}

  public record Category(String name, Optional<String> parent, SourceSpan span) {}

  /** A registry item of an enabledList or disabledList: a REG_SZ string, or a delete. */
  public record Item(String key, String valueName, Optional<String> string, boolean delete) {}

  /** An element of a policy; {@code kind} is the ADMX element name ({@code multiText}...). */
  public record Element(String kind, String id, String key, String valueName, SourceSpan span) {}

  public record Policy(
      String name,
      String policyClass,
      String key,
      Optional<String> supportedOn,
      Optional<String> parentCategory,
      Optional<String> presentation,
      List<Item> enabled,
      List<Item> disabled,
      List<Element> elements,
      SourceSpan span) {
    public Policy {
      enabled = List.copyOf(enabled);
      disabled = List.copyOf(disabled);
      elements = List.copyOf(elements);
    }
  }
}
