package dev.rpcwall.emit.deploy;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.admx.AdmxEmitter;
import dev.rpcwall.emit.reg.RegEmitter;
import dev.rpcwall.emit.reg.RpcArtifactInput;
import dev.rpcwall.emit.sceregvl.SceregvlEmitter;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * The deployment artifacts (issue 9 points 1-4) as one call per target, for whoever registers
 * them in the compile pipeline: check, emit, and the artifact's own self-check. These targets
 * write 1-3 files that carry the RPC registry values only, not an apply/rollback pair of rule
 * scripts.
 */
public final class RpcArtifacts {
  /** The targets this class serves. */
  public static final Set<TargetId> TARGETS = Set.of(TargetId.REG, TargetId.ADMX, TargetId.SCEREGVL);

  private RpcArtifacts() {}

  /** The result: the files (empty when there were errors), the diagnostics, and self-check problems. */
  public record Output(List<EmittedFile> files, Diagnostics diagnostics, List<String> verificationProblems) {}

  public static Emitter<RpcArtifactInput> emitter(TargetId target) {
    return switch (target) {
      case REG -> new RegEmitter();
      case ADMX -> new AdmxEmitter();
      case SCEREGVL -> new SceregvlEmitter();
      default -> throw new IllegalArgumentException(target + " is not a deployment artifact");
    };
  }

  /** The self-check of {@code target}'s files: empty when they write exactly the policy's RPC values. */
  public static List<String> verify(TargetId target, RpcArtifactInput input, List<EmittedFile> files) {
    return switch (target) {
      case REG -> RegEmitter.verify(input, files);
      case ADMX -> AdmxEmitter.verify(input, files);
      case SCEREGVL -> SceregvlEmitter.verify(input, files);
      default -> throw new IllegalArgumentException(target + " is not a deployment artifact");
    };
  }

  /**
   * Checks, emits and self-checks one target. When {@link Output#diagnostics} has errors (exit 2)
   * or {@link Output#verificationProblems} is not empty (exit 3), nothing may be written.
   */
  public static Output compile(TargetId target, Policy policy, byte[] mainSource, String toolVersion) {
    RpcArtifactInput input = RpcArtifactInput.of(policy, sha256(mainSource), toolVersion);
    Emitter<RpcArtifactInput> e = emitter(target);
    Diagnostics d = new Diagnostics();
    e.check(input, d);
    if (d.hasErrors()) {
      return new Output(List.of(), d, List.of());
    }
    List<EmittedFile> files = e.emit(input);
    List<String> problems = verify(target, input, files);
    return new Output(problems.isEmpty() ? files : List.of(), d, problems);
  }

  /** What {@code check} reports for {@code target}: the emitter's checks, nothing written. */
  public static List<dev.rpcwall.compiler.diag.Diagnostic> check(TargetId target, Policy policy) {
    Diagnostics d = new Diagnostics();
    emitter(target).check(RpcArtifactInput.of(policy, "", "check"), d);
    return d.sorted();
  }

  /** Whether {@code policy} gives these targets anything to write (under --target all: skip otherwise). */
  public static boolean applies(Policy policy) {
    return policy.rpc().dynamicPorts().isPresent();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every Java platform has SHA-256", ex);
    }
  }
}
