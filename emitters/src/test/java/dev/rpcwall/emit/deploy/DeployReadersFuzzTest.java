package dev.rpcwall.emit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.admx.AdmlReader;
import dev.rpcwall.emit.admx.AdmxEmitter;
import dev.rpcwall.emit.admx.AdmxReader;
import dev.rpcwall.emit.reg.RegEmitter;
import dev.rpcwall.emit.reg.RegReader;
import dev.rpcwall.emit.reg.RpcArtifactInput;
import dev.rpcwall.emit.sceregvl.SceregvlEmitter;
import dev.rpcwall.emit.sceregvl.SceregvlReader;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The readers of the deployment artifacts on mangled files: never an exception; a result, or
 * diagnostics that each stand on a line of the file.
 */
class DeployReadersFuzzTest {
  private static final String CHARS = "\"\\,=-[]();<>&/ \t\r\n0123456789abcdefABCDEFxyz\u0000\u00e9\ud800";

  private static String mangle(String text, Random r) {
    StringBuilder b = new StringBuilder(text);
    int edits = 1 + r.nextInt(6);
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(4)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, CHARS.charAt(r.nextInt(CHARS.length())));
        case 2 -> b.setCharAt(at, CHARS.charAt(r.nextInt(CHARS.length())));
        default -> {
          int end = Math.min(b.length(), at + r.nextInt(40));
          b.insert(r.nextInt(b.length()), b.substring(at, end));
        }
      }
    }
    return b.toString();
  }

  private static void check(Result<?> result, SourceFile file) {
    for (Diagnostic d : result.diagnostics()) {
      assertThat(d.span().line()).isBetween(1, file.lineCount() + 1);
      assertThat(d.span().column()).isPositive();
    }
  }

  @Test
  void mangledArtifacts_neverThrow() {
    Gen<Long> seeds = SourceDSL.longs().all();
    Seeded.check(qt -> qt.withExamples(400).forAll(seeds).checkAssert(seed -> {
      Random r = new Random(seed);
      RpcArtifactInput in = DeployFixtures.input("Fuzz " + r.nextInt(100), DeployFixtures.randomPorts(r));
      List<EmittedFile> reg = new RegEmitter().emit(in);
      List<EmittedFile> admx = new AdmxEmitter().emit(in);
      List<EmittedFile> sce = new SceregvlEmitter().emit(in);
      List<Function<SourceFile, Result<?>>> readers = List.of(
          f -> new RegReader().read(f), f -> new RegReader().read(f), f -> new AdmxReader().read(f),
          f -> new AdmlReader().read(f), f -> new SceregvlReader().read(f));
      List<EmittedFile> files = List.of(reg.get(0), reg.get(1), admx.get(0), admx.get(1), sce.get(0));
      for (int i = 0; i < files.size(); i++) {
        SourceFile f = new SourceFile("m", mangle(files.get(i).text(), r));
        check(readers.get(i).apply(f), f);
      }
    }));
  }
}
