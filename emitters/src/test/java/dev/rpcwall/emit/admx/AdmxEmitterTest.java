package dev.rpcwall.emit.admx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.deploy.DeployFixtures;
import dev.rpcwall.emit.reg.RpcArtifactInput;
import dev.rpcwall.emit.reg.RpcRegistryValues;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class AdmxEmitterTest {
  private final AdmxEmitter emitter = new AdmxEmitter();
  private static final String NS = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions";

  private static Document dom(EmittedFile f) throws Exception {
    DocumentBuilderFactory f2 = DocumentBuilderFactory.newInstance();
    f2.setNamespaceAware(true);
    f2.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f2.newDocumentBuilder().parse(new ByteArrayInputStream(f.bytes()));
  }

  private static List<Element> all(Document d, String local) {
    NodeList l = d.getElementsByTagNameNS(NS, local);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < l.getLength(); i++) {
      out.add((Element) l.item(i));
    }
    return out;
  }

  /** Checked with the JDK's DOM parser, independent of the emitter's own reader. */
  @Test
  void wellFormedAndEveryReferenceExistsInTheAdml() throws Exception {
    String hostile = "A <b> & \"c\" -- ]]> \u00e9\u4e2d\n\u0001end";
    RpcArtifactInput in = DeployFixtures.input(hostile, PortSet.of(List.of(
        dev.rpcwall.compiler.semantics.PortRange.of(5001, 5021), dev.rpcwall.compiler.semantics.PortRange.of(6000, 6000))));
    List<EmittedFile> files = emitter.emit(in);
    assertThat(files).extracting(EmittedFile::name).containsExactly(in.fileBase() + ".admx", "en-US/" + in.fileBase() + ".adml");
    assertThat(files).allSatisfy(f -> assertThat(f.charset()).isEqualTo(StandardCharsets.UTF_8));
    Document admx = dom(files.get(0));
    Document adml = dom(files.get(1));
    assertThat(admx.getDocumentElement().getLocalName()).isEqualTo("policyDefinitions");
    assertThat(admx.getDocumentElement().getNamespaceURI()).isEqualTo(NS);
    assertThat(adml.getDocumentElement().getLocalName()).isEqualTo("policyDefinitionResources");
    Set<String> strings = new HashSet<>();
    all(adml, "string").forEach(e -> assertThat(strings.add(e.getAttribute("id"))).isTrue());
    Set<String> presentations = new HashSet<>();
    all(adml, "presentation").forEach(e -> presentations.add(e.getAttribute("id")));
    int refs = 0;
    for (String tag : List.of("definition", "category", "policy")) {
      for (Element e : all(admx, tag)) {
        for (String attr : List.of("displayName", "explainText")) {
          String v = e.getAttribute(attr);
          if (!v.isEmpty()) {
            assertThat(v).matches("\\$\\(string\\.[A-Za-z0-9_]+\\)");
            assertThat(strings).contains(v.substring(9, v.length() - 1));
            refs++;
          }
        }
      }
    }
    assertThat(refs).isEqualTo(4);
    Element policy = all(admx, "policy").get(0);
    assertThat(policy.getAttribute("class")).isEqualTo("Machine");
    assertThat(policy.getAttribute("key")).isEqualTo("SOFTWARE\\Microsoft\\Rpc\\Internet");
    String pres = policy.getAttribute("presentation");
    assertThat(presentations).contains(pres.substring("$(presentation.".length(), pres.length() - 1));
    // the element writing REG_MULTI_SZ, at the RPC key, shown by a multiTextBox that refers to it
    Element multi = all(admx, "multiText").get(0);
    assertThat(multi.getAttribute("key")).isEqualTo("SOFTWARE\\Microsoft\\Rpc\\Internet");
    assertThat(multi.getAttribute("valueName")).isEqualTo("Ports");
    assertThat(all(adml, "multiTextBox").get(0).getAttribute("refId")).isEqualTo(multi.getAttribute("id"));
    // supportedOn: the policy's ref is a local definition, whose text says Windows 2000
    String sup = ((Element) policy.getElementsByTagNameNS(NS, "supportedOn").item(0)).getAttribute("ref");
    assertThat(all(admx, "definition")).extracting(e -> e.getAttribute("name")).containsExactly(sup);
    String supText = all(adml, "string").stream().filter(e -> e.getAttribute("id").equals(sup)).findFirst().orElseThrow().getTextContent();
    assertThat(supText).contains("Windows 2000");
    // the category under windows:Network, with the windows namespace declared by a using element
    assertThat(all(admx, "using")).extracting(e -> e.getAttribute("prefix") + "=" + e.getAttribute("namespace"))
        .containsExactly("windows=Microsoft.Policies.Windows");
    String help = all(adml, "string").stream().filter(e -> e.getAttribute("id").equals("RpcStaticPoolDefinition_Help"))
        .findFirst().orElseThrow().getTextContent();
    assertThat(help).contains("\n5001-5021\n6000\n");
    assertThat(AdmxEmitter.verify(in, files)).isEmpty();
  }

  @Test
  void namespaceAndPrefixAreUniquePerPolicyName() {
    Set<String> namespaces = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    for (String name : List.of("Servers", "servers", "Servers!", "Сервер", "Servers ")) {
      RpcArtifactInput in = DeployFixtures.input(name, PortSet.of(5001, 5100));
      List<EmittedFile> files = emitter.emit(in);
      assertThat(AdmxEmitter.verify(in, files)).isEmpty();
      AdmxTemplate t = new AdmxReader().read(new SourceFile("a.admx", files.get(0).text())).orElseThrow();
      assertThat(namespaces.add(t.targetNamespace())).isTrue();
      assertThat(prefixes.add(t.targetPrefix())).isTrue();
      assertThat(t.targetPrefix()).matches("[A-Za-z_][A-Za-z0-9_]*");
    }
  }

  @Test
  void readersRoundTripTheRange() {
    Gen<PortSet> sets = SourceDSL.longs().all().map(seed -> DeployFixtures.randomPorts(new Random(seed)));
    Seeded.check(qt -> qt.withExamples(100).forAll(sets).checkAssert(ports -> {
      RpcArtifactInput in = DeployFixtures.input("P", ports);
      List<EmittedFile> files = emitter.emit(in);
      assertThat(AdmxEmitter.verify(in, files)).isEmpty();
      AdmxTemplate t = new AdmxReader().read(new SourceFile("a.admx", files.get(0).text())).orElseThrow();
      AdmlResources r = new AdmlReader().read(new SourceFile("a.adml", files.get(1).text())).orElseThrow();
      assertThat(AdmxEmitter.enabledValues(t, r)).isEqualTo(RpcRegistryValues.expected(in.policy().rpc()));
    }));
  }

  @Test
  void verifyCatchesAMissingStringAnotherRangeAndAWrongNamespace() {
    RpcArtifactInput in = DeployFixtures.input("P", PortSet.of(5001, 5100));
    List<EmittedFile> files = emitter.emit(in);
    EmittedFile adml = files.get(1);
    EmittedFile noString = new EmittedFile(adml.name(), adml.text().replace("<string id=\"RpcStaticPool\">", "<string id=\"Other\">"),
        adml.lineEnding(), adml.charset(), false);
    assertThat(AdmxEmitter.verify(in, List.of(files.get(0), noString)))
        .anySatisfy(p -> assertThat(p).contains("$(string.RpcStaticPool) is not in the ADML stringTable"));
    List<EmittedFile> other = emitter.emit(DeployFixtures.input("P", PortSet.of(5001, 5101)));
    assertThat(AdmxEmitter.verify(in, List.of(files.get(0), other.get(1)))).anySatisfy(p -> assertThat(p).contains("5001-5101"));
    List<EmittedFile> renamed = emitter.emit(DeployFixtures.input("Q", PortSet.of(5001, 5100)));
    assertThat(AdmxEmitter.verify(in, List.of(new EmittedFile(files.get(0).name(), renamed.get(0).text(),
        files.get(0).lineEnding(), files.get(0).charset(), false), files.get(1))))
        .anySatisfy(p -> assertThat(p).contains("not this policy's"));
  }

  @Test
  void readerReportsMalformedXmlAndUnknownElementsWithLineAndColumn() {
    Result<AdmxTemplate> bad = new AdmxReader().read(new SourceFile("b.admx", "<policyDefinitions xmlns=\"" + NS + "\">\n  <policies>\n</policyDefinitions>"));
    assertThat(bad.value()).isEmpty();
    assertThat(bad.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Codes.ADMX_READ);
      assertThat(d.span().line()).isEqualTo(3);
      assertThat(d.message()).startsWith("not well-formed XML");
    });
    Result<AdmxTemplate> unknown = new AdmxReader().read(new SourceFile("c.admx",
        "<policyDefinitions xmlns=\"" + NS + "\">\n  <policies>\n    <gadget/>\n  </policies>\n</policyDefinitions>"));
    assertThat(unknown.diagnostics()).extracting(Diagnostic::message).containsExactly("element 'gadget' is not read here");
    assertThat(unknown.diagnostics().get(0).span().line()).isEqualTo(3);
    Result<AdmxTemplate> doctype = new AdmxReader().read(new SourceFile("d.admx",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><policyDefinitions xmlns=\"" + NS + "\">&e;</policyDefinitions>"));
    assertThat(doctype.value()).isEmpty();
  }
}
