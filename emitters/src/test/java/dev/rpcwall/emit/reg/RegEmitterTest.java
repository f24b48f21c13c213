package dev.rpcwall.emit.reg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.deploy.DeployFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class RegEmitterTest {
  private final RegEmitter emitter = new RegEmitter();

  /**
   * Independent of the reader: finds the hex(7) data in the raw bytes by hand, decodes it as
   * UTF-16LE and splits at NULs; the strings must be the range's ranges, their union the range.
   */
  @Test
  void regFileDecodesToExactlyThePolicysRange() {
    Gen<PortSet> sets = SourceDSL.longs().all().map(seed -> DeployFixtures.randomPorts(new Random(seed)));
    Seeded.check(qt -> qt.withExamples(300).forAll(sets).checkAssert(ports -> {
      RpcArtifactInput in = DeployFixtures.input("RPC range", ports);
      byte[] bytes = emitter.emit(in).get(0).bytes();
      assertThat(bytes[0]).isEqualTo((byte) 0xFF);
      assertThat(bytes[1]).isEqualTo((byte) 0xFE);
      String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
      assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
      assertThat(text).startsWith("Windows Registry Editor Version 5.00\r\n\r\n");
      int at = text.indexOf("\"Ports\"=hex(7):");
      assertThat(at).isPositive();
      String rest = text.substring(at + "\"Ports\"=hex(7):".length());
      StringBuilder hex = new StringBuilder();
      for (String line : rest.split("\r\n")) {
        String l = line.strip();
        boolean more = l.endsWith("\\");
        hex.append(more ? l.substring(0, l.length() - 1) : l);
        if (!more) {
          break;
        }
      }
      String[] pairs = hex.toString().split(",");
      byte[] data = new byte[pairs.length];
      for (int i = 0; i < pairs.length; i++) {
        assertThat(pairs[i]).matches("[0-9a-f]{2}");
        data[i] = (byte) Integer.parseInt(pairs[i], 16);
      }
      String multi = new String(data, StandardCharsets.UTF_16LE);
      assertThat(multi).endsWith("\0\0");
      String[] strings = multi.substring(0, multi.length() - 2).split("\0", -1);
      PortSet union = PortSet.empty();
      List<String> expected = new ArrayList<>();
      for (PortRange r : ports.ranges()) {
        expected.add(r.first() == r.last() ? "" + r.first() : r.first() + "-" + r.last());
      }
      assertThat(strings).containsExactlyElementsOf(expected);
      for (String s : strings) {
        assertThat(s).doesNotContain(" ");
        String[] ab = s.split("-");
        union = union.union(PortSet.of(Integer.parseInt(ab[0]), Integer.parseInt(ab[ab.length - 1])));
      }
      assertThat(union).isEqualTo(ports);
      assertThat(text).contains("\"PortsInternetAvailable\"=\"Y\"\r\n").contains("\"UseInternetPorts\"=\"Y\"\r\n");
    }));
  }

  @Test
  void readerRoundTripsAndVerifyPasses() {
    Gen<PortSet> sets = SourceDSL.longs().all().map(seed -> DeployFixtures.randomPorts(new Random(seed)));
    Seeded.check(qt -> qt.withExamples(200).forAll(sets).checkAssert(ports -> {
      RpcArtifactInput in = DeployFixtures.input("Round trip", ports);
      List<EmittedFile> files = emitter.emit(in);
      assertThat(RegEmitter.verify(in, files)).isEmpty();
      Result<RpcRegistryValues> read = new RegReader().read(new SourceFile("a.reg",
          RegEmitter.decode(files.get(0).bytes()).orElseThrow()));
      assertThat(read.value()).contains(RpcRegistryValues.expected(in.policy().rpc()));
    }));
  }

  @Test
  void fileNamesAndUndoDeletesExactlyTheThreeValues() {
    RpcArtifactInput in = DeployFixtures.input("KB RPC 5001-5021", PortSet.of(5001, 5021));
    List<EmittedFile> files = emitter.emit(in);
    assertThat(files).extracting(EmittedFile::name).containsExactly("kb-rpc-5001-5021-rpc.reg",
        "kb-rpc-5001-5021-rpc-undo.reg");
    String undo = RegEmitter.decode(files.get(1).bytes()).orElseThrow();
    assertThat(undo).contains("\"Ports\"=-\r\n\"PortsInternetAvailable\"=-\r\n\"UseInternetPorts\"=-\r\n")
        .contains("cannot know").doesNotContain("hex(7)");
    assertThat(new RegReader().read(new SourceFile("u.reg", undo)).value()).contains(RpcRegistryValues.undo());
  }

  @Test
  void verifyCatchesAFileThatWritesAnotherRange() {
    RpcArtifactInput in = DeployFixtures.input("P", PortSet.of(5001, 5100));
    RpcArtifactInput other = DeployFixtures.input("P", PortSet.of(5001, 5101));
    List<EmittedFile> wrong = List.of(emitter.emit(other).get(0), emitter.emit(in).get(1));
    assertThat(RegEmitter.verify(in, wrong)).anySatisfy(p -> assertThat(p).contains("5001-5101"));
    EmittedFile utf8 = new EmittedFile(wrong.get(0).name(), wrong.get(0).text(), wrong.get(0).lineEnding(),
        StandardCharsets.UTF_8, false);
    assertThat(RegEmitter.verify(in, List.of(utf8, wrong.get(1)))).anySatisfy(p -> assertThat(p).contains("FF FE"));
  }

  @Test
  void noRpcBlockIsAnErrorAtThePolicyNameAndWmiAWarning() {
    Diagnostics d = new Diagnostics();
    emitter.check(RpcArtifactInput.of(DeployFixtures.policy("P", Optional.empty(), OptionalInt.of(24158)), "00", "v"), d);
    assertThat(d.sorted()).extracting(Diagnostic::code).containsExactlyInAnyOrder(Codes.DEPLOY_NO_RPC,
        Codes.DEPLOY_WMI_NOT_REGISTRY);
    assertThat(d.sorted()).filteredOn(x -> x.code().equals(Codes.DEPLOY_NO_RPC))
        .extracting(Diagnostic::span).containsExactly(DeployFixtures.NAME);
  }

  @Test
  void readerReportsWhatItDoesNotUnderstandWithLineAndColumn() {
    String text = String.join("\r\n",
        "Windows Registry Editor Version 5.00", "",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]",
        "\"Ports\"=hex(7):35,00,30,00,30,00,31,00,20,00,2d,00,35,00,00,00,00,00",
        "\"PortsInternetAvailable\"=\"Yes\"",
        "\"Other\"=dword:00000001",
        "[HKEY_CURRENT_USER\\Software]",
        "\"Ports\"=\"5001\"", "");
    Result<RpcRegistryValues> r = new RegReader().read(new SourceFile("x.reg", text));
    assertThat(r.value()).isEmpty();
    assertThat(r.diagnostics()).extracting(x -> x.span().line() + ":" + x.span().column())
        .containsExactly("4:16", "5:26", "6:2", "7:1", "8:1");
    assertThat(r.diagnostics()).allSatisfy(x -> assertThat(x.code()).isEqualTo(Codes.REG_READ));
    assertThat(new RegReader().read(new SourceFile("y.reg", "REGEDIT4\r\n")).diagnostics())
        .extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("first line"));
    String odd = "Windows Registry Editor Version 5.00\r\n\r\n[" + RpcRegistryValues.KEY + "]\r\n"
        + "\"Ports\"=hex(7):35,00,00,00\r\n";
    assertThat(new RegReader().read(new SourceFile("z.reg", odd)).diagnostics())
        .extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("two NUL"));
  }
}
