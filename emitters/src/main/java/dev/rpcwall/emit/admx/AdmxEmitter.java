package dev.rpcwall.emit.admx;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.admx.AdmxTemplate.Element;
import dev.rpcwall.emit.admx.AdmxTemplate.Item;
import dev.rpcwall.emit.admx.AdmxTemplate.Ref;
import dev.rpcwall.emit.reg.RpcArtifactInput;
import dev.rpcwall.emit.reg.RpcRegistryValues;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --target admx}: {@code <fileBase>.admx} and {@code en-US/<fileBase>.adml}, an
 * administrative template with one machine policy, Network → "RPC Static Pool" → "RPC Static
 * Pool Definition", that when enabled writes {@code PortsInternetAvailable=Y} and
 * {@code UseInternetPorts=Y} (enabledList, REG_SZ) and {@code Ports} through a {@code multiText}
 * element, the ADMX element that writes REG_MULTI_SZ, under {@code HKLM\SOFTWARE\Microsoft\Rpc\Internet}
 * (windows-semantics.md 6.1); when disabled it deletes the three values (disabledList).
 *
 * <p>The multiTextBox presentation has no default value (attributes refId, showAsDialog and
 * defaultHeight only: https://learn.microsoft.com/en-us/previous-versions/windows/desktop/policy/element-multitextbox),
 * so the template cannot fill the range in itself: the box's label and the explain text state the
 * policy's lines, and the string {@value #PORTS_STRING} holds them one a line for the self-check.
 * The admin types (pastes) those lines when enabling the policy.
 *
 * <p>Schema rules followed (Microsoft "ADMX Schema" and the Windows Server 2008 "ADMX syntax"
 * pages): the target namespace must be unique among all ADMX files (target element,
 * https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/cc725636(v=ws.10)),
 * here {@code Rpcwall.Policies.RpcStaticPool.<slug>}, and the prefix {@code rpcwall_<slug>};
 * display text lives only in the ADML; the Windows base file is referenced with
 * {@code using prefix="windows" namespace="Microsoft.Policies.Windows"} ("Referencing the Windows
 * Base ADMX File", cc732096) for the parent category {@code windows:Network} (the category name in
 * windows.admx: UNCONFIRMED in the stored documentation; Computer Configuration\Administrative
 * Templates\Network). supportedOn is our own definition, "At least Windows 2000": the RPC port
 * settings exist since then (windows-semantics.md 6.2 rules 7 and 8, KB154596); editing the
 * template needs the Vista or later Group Policy tools.
 */
public final class AdmxEmitter implements Emitter<RpcArtifactInput> {
  public static final String KEY = "SOFTWARE\\Microsoft\\Rpc\\Internet";
  public static final String POLICY = "RpcStaticPoolDefinition";
  public static final String CATEGORY = "RpcStaticPool";
  public static final String SUPPORTED = "SUPPORTED_Windows2000";
  public static final String PORTS_ELEMENT = "Ports";
  public static final String PORTS_STRING = "RpcStaticPoolDefinition_Ports";

  @Override
  public TargetId target() {
    return TargetId.ADMX;
  }

  @Override
  public void check(RpcArtifactInput input, Diagnostics out) {
    RpcArtifactInput.checkRpc(input, "an administrative template", out);
  }

  public static String admxName(RpcArtifactInput input) {
    return input.fileBase() + ".admx";
  }

  public static String admlName(RpcArtifactInput input) {
    return "en-US/" + input.fileBase() + ".adml";
  }

  public static String namespace(RpcArtifactInput input) {
    return "Rpcwall.Policies.RpcStaticPool." + input.slug();
  }

  public static String prefix(RpcArtifactInput input) {
    return "rpcwall_" + input.slug().replace('-', '_');
  }

  @Override
  public List<EmittedFile> emit(RpcArtifactInput input) {
    PortSet ports = input.dynamicPorts();
    List<String> lines = RpcRegistryValues.portStrings(ports);
    String name = oneLine(input.policy().name());
    List<String> x = new ArrayList<>();
    x.add("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    x.add("<!-- rpcwall " + comment(input.toolVersion()) + ", policy \"" + comment(name) + "\", source sha256 "
        + input.sourceSha256() + " -->");
    x.add("<policyDefinitions xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" revision=\"1.0\" schemaVersion=\"1.0\""
        + " xmlns=\"" + AdmxReader.NS + "\">");
    x.add("  <policyNamespaces>");
    x.add("    <target prefix=\"" + prefix(input) + "\" namespace=\"" + namespace(input) + "\" />");
    x.add("    <using prefix=\"windows\" namespace=\"Microsoft.Policies.Windows\" />");
    x.add("  </policyNamespaces>");
    x.add("  <resources minRequiredRevision=\"1.0\" />");
    x.add("  <supportedOn>");
    x.add("    <definitions>");
    x.add("      <definition name=\"" + SUPPORTED + "\" displayName=\"$(string." + SUPPORTED + ")\" />");
    x.add("    </definitions>");
    x.add("  </supportedOn>");
    x.add("  <categories>");
    x.add("    <category name=\"" + CATEGORY + "\" displayName=\"$(string." + CATEGORY + ")\">");
    x.add("      <parentCategory ref=\"windows:Network\" />");
    x.add("    </category>");
    x.add("  </categories>");
    x.add("  <policies>");
    x.add("    <policy name=\"" + POLICY + "\" class=\"Machine\" displayName=\"$(string." + POLICY + ")\""
        + " explainText=\"$(string." + POLICY + "_Help)\" presentation=\"$(presentation." + POLICY + ")\""
        + " key=\"" + KEY + "\">");
    x.add("      <parentCategory ref=\"" + CATEGORY + "\" />");
    x.add("      <supportedOn ref=\"" + SUPPORTED + "\" />");
    x.add("      <enabledList>");
    x.add(item(RpcRegistryValues.PORTS_INTERNET_AVAILABLE, "<string>Y</string>"));
    x.add(item(RpcRegistryValues.USE_INTERNET_PORTS, "<string>Y</string>"));
    x.add("      </enabledList>");
    x.add("      <disabledList>");
    for (String v : RpcRegistryValues.NAMES) {
      x.add(item(v, "<delete />"));
    }
    x.add("      </disabledList>");
    x.add("      <elements>");
    x.add("        <multiText id=\"" + PORTS_ELEMENT + "\" key=\"" + KEY + "\" valueName=\""
        + RpcRegistryValues.PORTS + "\" required=\"true\" />");
    x.add("      </elements>");
    x.add("    </policy>");
    x.add("  </policies>");
    x.add("</policyDefinitions>");
    x.add("");

    String joined = String.join("\n", lines);
    List<String> l = new ArrayList<>();
    l.add("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    l.add("<!-- rpcwall " + comment(input.toolVersion()) + ", policy \"" + comment(name) + "\" -->");
    l.add("<policyDefinitionResources xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" revision=\"1.0\" schemaVersion=\"1.0\""
        + " xmlns=\"" + AdmxReader.NS + "\">");
    l.add("  <displayName>" + XmlTree.escape("rpcwall: RPC static pool of policy \"" + name + "\"") + "</displayName>");
    l.add("  <description>" + XmlTree.escape("The RPC dynamic port range of the rpcwall policy \"" + name + "\"")
        + "</description>");
    l.add("  <resources>");
    l.add("    <stringTable>");
    l.add(string(SUPPORTED, "At least Windows 2000 (the RPC port settings of KB154596)"));
    l.add(string(CATEGORY, "RPC Static Pool"));
    l.add(string(POLICY, "RPC Static Pool Definition (" + name + ")"));
    l.add(string(POLICY + "_Help",
        "Restricts the ports RPC servers take for dynamic endpoints to the range of the rpcwall policy \""
            + name + "\" (HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet, Microsoft KB154596).\n\n"
            + "If you enable this policy setting, enter exactly these lines in Ports, one a line:\n\n"
            + joined + "\n\n"
            + "and PortsInternetAvailable and UseInternetPorts are set to Y. A port is n, a range is a-b"
            + " without spaces; any other text makes the whole RPC configuration invalid.\n\n"
            + "If you disable this policy setting, the three values are deleted.\n\n"
            + "Computers read these values when they start: restart them after the policy applies."));
    l.add(string(PORTS_STRING, joined));
    l.add("    </stringTable>");
    l.add("    <presentationTable>");
    l.add("      <presentation id=\"" + POLICY + "\">");
    l.add("        <multiTextBox refId=\"" + PORTS_ELEMENT + "\">"
        + XmlTree.escape("Ports (one a line; this policy: " + String.join(", ", lines) + ")") + "</multiTextBox>");
    l.add("      </presentation>");
    l.add("    </presentationTable>");
    l.add("  </resources>");
    l.add("</policyDefinitionResources>");
    l.add("");
    return List.of(file(admxName(input), x), file(admlName(input), l));
  }

  private static String item(String valueName, String value) {
    return "        <item key=\"" + KEY + "\" valueName=\"" + valueName + "\"><value>" + value + "</value></item>";
  }

  private static String string(String id, String text) {
    return "      <string id=\"" + id + "\">" + XmlTree.escape(text) + "</string>";
  }

  /** Control characters (line breaks) of a name become spaces: display strings are one line. */
  static String oneLine(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
    return b.toString();
  }

  /** Text inside an XML comment: escaped, and no "--" (which may not appear in a comment). */
  private static String comment(String s) {
    String e = XmlTree.escape(s);
    while (e.contains("--")) {
      e = e.replace("--", "-\u2010");
    }
    return e.endsWith("-") ? e + " " : e;
  }

  private static EmittedFile file(String name, List<String> lines) {
    // Line breaks inside strings (the explain text) are CRLF like the rest; XML parsers read LF.
    String text = String.join("\n", lines).replace("\r\n", "\n").replace("\n", LineEnding.CRLF.chars());
    return new EmittedFile(name, text, LineEnding.CRLF,
        StandardCharsets.UTF_8, false);
  }

  /**
   * The self-check of this artifact: both files are UTF-8 and well-formed; the ADMX follows the
   * schema rules above (the target namespace and prefix are this policy's, every string and
   * presentation it references exists in the ADML, the presentation's control refers to the
   * multiText element, supportedOn and categories are defined); and the registry values the
   * enabled policy writes are the policy's RPC settings, the disabled one deletes exactly them.
   * Empty when all hold; otherwise nothing may be written (exit 3).
   */
  public static List<String> verify(RpcArtifactInput input, List<EmittedFile> files) {
    List<String> problems = new ArrayList<>();
    if (files.size() != 2 || !files.get(0).name().equals(admxName(input))
        || !files.get(1).name().equals(admlName(input))) {
      problems.add("expected the files " + admxName(input) + " and " + admlName(input) + ", got "
          + files.stream().map(EmittedFile::name).toList());
      return problems;
    }
    Optional<String> admxText = utf8(files.get(0).bytes());
    Optional<String> admlText = utf8(files.get(1).bytes());
    if (admxText.isEmpty() || admlText.isEmpty()) {
      problems.add("the ADMX and ADML files must be UTF-8 without a byte order mark");
      return problems;
    }
    Result<AdmxTemplate> admx = new AdmxReader().read(new SourceFile(admxName(input), admxText.get()));
    Result<AdmlResources> adml = new AdmlReader().read(new SourceFile(admlName(input), admlText.get()));
    admx.diagnostics().forEach(d -> problems.add(d.span().location() + " " + d.message()));
    adml.diagnostics().forEach(d -> problems.add(d.span().location() + " " + d.message()));
    if (admx.value().isEmpty() || adml.value().isEmpty()) {
      return problems;
    }
    problems.addAll(schemaProblems(input, admx.value().get(), adml.value().get()));
    problems.addAll(registryProblems(input, admx.value().get(), adml.value().get()));
    return problems;
  }

  /** The rules of the ADMX/ADML schema documentation that the pair must meet. */
  public static List<String> schemaProblems(RpcArtifactInput input, AdmxTemplate t, AdmlResources r) {
    List<String> out = new ArrayList<>();
    if (!t.targetNamespace().equals(namespace(input)) || !t.targetPrefix().equals(prefix(input))) {
      out.add("target namespace/prefix " + t.targetNamespace() + "/" + t.targetPrefix() + " are not this policy's "
          + namespace(input) + "/" + prefix(input));
    }
    if (t.usings().containsKey(t.targetPrefix())) {
      out.add("prefix " + t.targetPrefix() + " is used for both the target and a using namespace");
    }
    for (Ref ref : t.stringRefs()) {
      if (!r.strings().containsKey(ref.id())) {
        out.add(ref.span().location() + " $(string." + ref.id() + ") is not in the ADML stringTable");
      }
    }
    Set<String> categories = new HashSet<>();
    t.categories().forEach(c -> categories.add(c.name()));
    for (AdmxTemplate.Category c : t.categories()) {
      c.parent().ifPresent(p -> {
        if (!defined(p, categories, t)) {
          out.add(c.span().location() + " parent category " + p + " is not defined");
        }
      });
    }
    for (Ref ref : t.presentationRefs()) {
      if (!r.presentations().containsKey(ref.id())) {
        out.add(ref.span().location() + " $(presentation." + ref.id() + ") is not in the ADML presentationTable");
      }
    }
    for (AdmxTemplate.Policy p : t.policies()) {
      if (!p.policyClass().equals("Machine") && !p.policyClass().equals("User") && !p.policyClass().equals("Both")) {
        out.add(p.span().location() + " policy class '" + p.policyClass() + "' is not Machine, User or Both");
      }
      if (p.key().isEmpty()) {
        out.add(p.span().location() + " policy " + p.name() + " has no registry key");
      }
      if (p.supportedOn().isEmpty() || !defined(p.supportedOn().get(), t.supportedOnDefinitions().keySet(), t)) {
        out.add(p.span().location() + " policy " + p.name() + " has no defined supportedOn");
      }
      if (p.parentCategory().isEmpty() || !defined(p.parentCategory().get(), categories, t)) {
        out.add(p.span().location() + " policy " + p.name() + " has no defined parent category");
      }
      Set<String> ids = new HashSet<>();
      for (Element e : p.elements()) {
        if (e.id().isEmpty() || !ids.add(e.id())) {
          out.add(e.span().location() + " element id '" + e.id() + "' is empty or repeated");
        }
        if (e.valueName().isEmpty()) {
          out.add(e.span().location() + " element " + e.id() + " has no valueName");
        }
      }
      p.presentation().map(id -> r.presentations().getOrDefault(id, List.of())).orElse(List.of()).forEach(c -> {
        if (!ids.contains(c.refId())) {
          out.add("presentation control " + c.kind() + " refers to '" + c.refId() + "', no element of " + p.name());
        }
        if (p.elements().stream().anyMatch(e -> e.id().equals(c.refId()) && e.kind().equals("multiText"))
            && !c.kind().equals("multiTextBox")) {
          out.add("the multiText element " + c.refId() + " is shown by a " + c.kind() + ", not a multiTextBox");
        }
      });
    }
    return out;
  }

  private static boolean defined(String ref, Set<String> local, AdmxTemplate t) {
    int colon = ref.indexOf(':');
    if (colon < 0) {
      return local.contains(ref);
    }
    String prefix = ref.substring(0, colon);
    return prefix.equals(t.targetPrefix()) ? local.contains(ref.substring(colon + 1)) : t.usings().containsKey(prefix);
  }

  /**
   * The values the enabled policy writes, as {@link RpcRegistryValues}: the two enabledList
   * strings and, for Ports, the multiText element at the RPC key with the lines the ADML states;
   * and the values the disabled policy deletes.
   */
  public static RpcRegistryValues enabledValues(AdmxTemplate t, AdmlResources r) {
    AdmxTemplate.Policy p = t.policies().stream().filter(x -> x.name().equals(POLICY)).findFirst().orElse(null);
    if (p == null) {
      return new RpcRegistryValues(Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
    }
    Optional<List<String>> ports = p.elements().stream()
        .filter(e -> e.kind().equals("multiText") && e.key().equalsIgnoreCase(KEY)
            && e.valueName().equals(RpcRegistryValues.PORTS))
        .findFirst()
        .flatMap(e -> Optional.ofNullable(r.strings().get(PORTS_STRING)))
        .map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split("\n", -1)));
    return new RpcRegistryValues(ports, string(p.enabled(), RpcRegistryValues.PORTS_INTERNET_AVAILABLE),
        string(p.enabled(), RpcRegistryValues.USE_INTERNET_PORTS), Set.of());
  }

  private static Optional<String> string(List<Item> items, String valueName) {
    return items.stream().filter(i -> i.key().equalsIgnoreCase(KEY) && i.valueName().equals(valueName))
        .findFirst().flatMap(Item::string);
  }

  private static List<String> registryProblems(RpcArtifactInput input, AdmxTemplate t, AdmlResources r) {
    List<String> out = new ArrayList<>();
    RpcRegistryValues wanted = RpcRegistryValues.expected(input.policy().rpc());
    out.addAll(enabledValues(t, r).problems(wanted, input.policy().rpc().dynamicPorts()));
    t.policies().stream().filter(x -> x.name().equals(POLICY)).findFirst().ifPresentOrElse(p -> {
      if (p.enabled().size() != 2) {
        out.add("the enabledList writes " + p.enabled().size() + " values, expected 2");
      }
      Set<String> deleted = new HashSet<>();
      p.disabled().stream().filter(i -> i.delete() && i.key().equalsIgnoreCase(KEY)).forEach(i -> deleted.add(i.valueName()));
      if (!deleted.equals(Set.copyOf(RpcRegistryValues.NAMES)) || p.disabled().size() != 3) {
        out.add("the disabledList deletes " + deleted + ", expected exactly " + RpcRegistryValues.NAMES);
      }
      String help = r.strings().getOrDefault(POLICY + "_Help", "");
      for (String s : wanted.ports().orElse(List.of())) {
        if (!help.contains("\n" + s + "\n")) {
          out.add("the explain text does not state the line " + s);
        }
      }
    }, () -> out.add("no policy " + POLICY));
    return out;
  }

  private static Optional<String> utf8(byte[] bytes) {
    if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
      return Optional.empty();
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
