package dev.rpcwall.emit.admx;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Map;

/**
 * What {@link AdmlReader} reads from an ADML file: the stringTable (id to text) and the
 * presentationTable (id to its controls, each a kind such as {@code multiTextBox} and a refId).
 */
public record AdmlResources(Map<String, String> strings, Map<String, List<Control>> presentations, Map<String, SourceSpan> where) {
  public AdmlResources {
    strings = Map.copyOf(strings);
    presentations = Map.copyOf(presentations);
    where = Map.copyOf(where);
  }

  public record Control(String kind, String refId, String label) {}
}
