package dev.rpcwall.emit;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.lower.LoweringOptions;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.family.Dialects;
import dev.rpcwall.emit.family.ModelFamily;
import dev.rpcwall.emit.family.ScriptHeader;
import dev.rpcwall.emit.netsh.NetshLimits;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles a checked policy to the scripts of one or more targets and, unless told not to, proves
 * the output: the bytes of every file decode as Windows reads them; each apply script, read back
 * from those bytes with the target's reader, decides like the policy region by region (the model
 * family's translation check); each rollback removes exactly the policy's objects from a host
 * model. The same steps run for every model family ({@link ModelFamily}, registered in {@link
 * Targets#registry()}); nothing here knows which families exist.
 */
public final class Compilation {
  /** Tool version written into script headers. */
  public static final String TOOL_VERSION = "0.1.0";

  private Compilation() {}

  /**
   * What a compile produced. {@code files} is empty when {@code diagnostics} has errors or
   * {@code verificationProblems} is not empty; then nothing may be written. {@code notes} are
   * sentences for the compile output (e.g. that the IPv6 part was left out), each naming its
   * targets.
   */
  public record Output(
      List<EmittedFile> files,
      List<Diagnostic> diagnostics,
      List<String> verificationProblems,
      List<String> notes) {
    public Output {
      files = List.copyOf(files);
      diagnostics = List.copyOf(diagnostics);
      verificationProblems = List.copyOf(verificationProblems);
      notes = List.copyOf(notes);
    }

    public Output(
        List<EmittedFile> files, List<Diagnostic> diagnostics, List<String> verificationProblems) {
      this(files, diagnostics, verificationProblems, List.of());
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
  }

  /**
   * Options of one compile: the WFAS lowering's limits, whether to verify, the legacy IPsec
   * lowering's options ({@code --ipv4-only}), and {@code skipInexpressible} ({@code --target
   * all}): an optional family's dialects that cannot express or carry the policy are left out
   * with a warning (RW2304) instead of failing the compile. {@code confirmMinutes} is {@code
   * --confirm-within} (0: off; issue 9 point 5), carried by the Windows Firewall dialects.
   */
  public record Options(
      LoweringOptions lowering,
      boolean verify,
      IpsecLowering.Options ipsec,
      boolean skipInexpressible,
      int confirmMinutes) {
    public Options {
      requireNonNull(lowering, "lowering");
      requireNonNull(ipsec, "ipsec");
    }

    public Options(
        LoweringOptions lowering, boolean verify, IpsecLowering.Options ipsec,
        boolean skipInexpressible) {
      this(lowering, verify, ipsec, skipInexpressible, 0);
    }

    public Options withConfirmMinutes(int minutes) {
      return new Options(lowering, verify, ipsec, skipInexpressible, minutes);
    }

    public Options(LoweringOptions lowering, boolean verify) {
      this(lowering, verify, IpsecLowering.Options.defaults(), false);
    }

    /**
     * Verified, lowered within the limits of every built-in target: one lowering serves them all,
     * and netsh's (cmd.exe's line length, {@link NetshLimits}) are the tightest.
     */
    public static Options defaults() {
      return new Options(NetshLimits.lowering(), true);
    }

    public Options withIpv4Only(boolean ipv4Only) {
      return new Options(lowering, verify, ipsec.withIpv4Only(ipv4Only), skipInexpressible,
          confirmMinutes);
    }

    public Options withSkipInexpressible(boolean skip) {
      return new Options(lowering, verify, ipsec, skip, confirmMinutes);
    }
  }

  /**
   * Lowers {@code map}'s policy once per model family and emits it for every target in {@code
   * targets}, families in registry order and targets in {@link TargetId} order: for each target
   * the apply script, then the rollback script.
   */
  public static Output compile(DecisionMap map, byte[] mainSource, Set<TargetId> targets, Options options) {
    return compile(map, mainSource, targets, options, Targets.registry());
  }

  /** {@link #compile} over the families and dialects of {@code registry}. */
  public static Output compile(
      DecisionMap map,
      byte[] mainSource,
      Set<TargetId> targets,
      Options options,
      List<Dialects<?, ?, ?>> registry) {
    Diagnostics diagnostics = new Diagnostics();
    List<String> notes = new ArrayList<>();
    ScriptHeader header =
        new ScriptHeader(Slug.of(map.policy().name()), sha256(mainSource), TOOL_VERSION,
            options.verify(), options.confirmMinutes());
    List<Prepared<?, ?>> prepared = new ArrayList<>();
    for (Dialects<?, ?, ?> d : registry) {
      prepare(d, targets, map, header, options, diagnostics, notes).ifPresent(prepared::add);
    }
    if (diagnostics.hasErrors()) {
      return new Output(List.of(), diagnostics.sorted(), List.of(), notes);
    }
    List<EmittedFile> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Prepared<?, ?> p : prepared) {
      p.emit(map, options.verify(), files, problems);
    }
    return new Output(problems.isEmpty() ? files : List.of(), diagnostics.sorted(), problems, notes);
  }

  /** One family's emitter input and the requested dialects that can carry it. */
  private record Prepared<I, R>(I input, List<Target<I, R>> targets) {
    void emit(DecisionMap map, boolean verify, List<EmittedFile> files, List<String> problems) {
      for (Target<I, R> target : targets) {
        List<EmittedFile> emitted = target.emitter().emit(input);
        if (verify) {
          for (String p : verify(target, input, emitted, map)) {
            problems.add(target.id().keyword() + ": " + p);
          }
        }
        files.addAll(emitted);
      }
    }
  }

  /**
   * The family's checks and lowering and each requested dialect's checks; empty when no dialect of
   * the family is requested or none can carry the policy. Under {@link
   * Options#skipInexpressible}, an optional family's errors become one warning (RW2304) naming the
   * dialects left out and why.
   */
  private static <L, I, R> Optional<Prepared<I, R>> prepare(
      Dialects<L, I, R> dialects,
      Set<TargetId> targets,
      DecisionMap map,
      ScriptHeader header,
      Options options,
      Diagnostics out,
      List<String> notes) {
    ModelFamily<L, I, R> family = dialects.family();
    List<Target<I, R>> requested =
        dialects.targets().stream().filter(t -> targets.contains(t.id())).toList();
    if (requested.isEmpty()) {
      return Optional.empty();
    }
    boolean skippable = options.skipInexpressible() && family.optional();
    Diagnostics own = new Diagnostics();
    family.policyChecks(map, own);
    Result<L> lowered = family.lower(map, options);
    own.addAll(lowered.diagnostics());
    if (own.hasErrors() && skippable) {
      skipped(map, family, requested, own.sorted(), out);
      return Optional.empty();
    }
    out.addAll(own.sorted());
    if (lowered.hasErrors()) {
      return Optional.empty();
    }
    I input = family.input(map, lowered.orElseThrow(), header);
    List<Target<I, R>> kept = new ArrayList<>();
    for (Target<I, R> target : requested) {
      Diagnostics checked = new Diagnostics();
      target.emitter().check(input, checked);
      if (checked.hasErrors() && skippable) {
        skipped(map, family, List.of(target), checked.sorted(), out);
      } else {
        out.addAll(checked.sorted());
        kept.add(target);
      }
    }
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    for (String note : family.notes(input)) {
      notes.add(kept.stream().map(t -> t.id().keyword()).collect(Collectors.joining(", ")) + ": " + note);
    }
    return Optional.of(new Prepared<>(input, kept));
  }

  /** RW2304: the dialects left out, and every error that made it so. */
  private static void skipped(
      DecisionMap map,
      ModelFamily<?, ?, ?> family,
      List<? extends Target<?, ?>> left,
      List<Diagnostic> why,
      Diagnostics out) {
    String names = left.stream().map(t -> t.id().keyword()).collect(Collectors.joining(", "));
    String reasons =
        why.stream()
            .filter(d -> d.severity() == Severity.ERROR)
            .map(d -> d.code() + " at " + d.span().location() + ": " + d.message())
            .collect(Collectors.joining("; "));
    out.warning(
        Codes.IPSEC_SKIPPED,
        map.policy().nameOrigin(),
        "--target all: skipped " + names + " (" + family.name() + "), which cannot carry this"
            + " policy: " + reasons,
        "compile with --target " + left.get(0).id().keyword() + " to see each problem at its line");
  }

  /**
   * Every way the files a target emitted fail the proof: their names (where the family fixes
   * them), the bytes of each (apply and rollback) as Windows reads them ({@link ScriptEncoding}),
   * the apply script read back from those bytes against the policy, and the rollback from those
   * bytes on the target's host model.
   */
  public static <I, R> List<String> verify(
      Target<I, R> target, I input, List<EmittedFile> files, DecisionMap map) {
    List<String> problems = new ArrayList<>();
    if (files.size() != 2 && files.size() != 3) {
      problems.add("expected an apply and a rollback script (and with --confirm-within a confirm"
          + " script), got " + files.size() + " files");
      return problems;
    }
    problems.addAll(target.family().fileNameProblems(target.id(), input, files));
    for (EmittedFile f : files) {
      problems.addAll(target.encoding().problems(f));
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    String name = files.get(0).name();
    String apply = decoded(target, files.get(0));
    String rollback = decoded(target, files.get(1));
    Result<R> read = target.reader().read(new SourceFile(name, apply));
    if (read.hasErrors()) {
      for (Diagnostic d : read.diagnostics()) {
        problems.add("cannot read own output: " + d.span().location() + ": " + d.message());
      }
    } else {
      problems.addAll(target.family().translationProblems(map, input, read.orElseThrow()));
    }
    problems.addAll(
        target.family().rollbackProblems(target, input, read.value(), files.get(1).name(), apply,
            rollback));
    Optional<String> confirm =
        files.size() == 3 ? Optional.of(decoded(target, files.get(2))) : Optional.empty();
    for (String p : target.rollbackHost().confirmProblems(input, apply, rollback, confirm)) {
      problems.add("confirmed apply: " + p);
    }
    return problems;
  }

  private static String decoded(Target<?, ?> target, EmittedFile file) {
    return ((ScriptEncoding.Text) target.encoding().decode(file.bytes())).text();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * What {@link #compile} would refuse, without emitting: every requested family's checks and
   * lowering and every given target's own checks ({@code rpcwall check}, so that a policy that
   * passes {@code check} compiles).
   */
  public static List<Diagnostic> checkTargets(
      DecisionMap map, Set<TargetId> targets, LoweringOptions lowering) {
    return checkTargets(map, targets, new Options(lowering, true));
  }

  /** {@link #checkTargets(DecisionMap, Set, LoweringOptions)} with every compile option. */
  public static List<Diagnostic> checkTargets(DecisionMap map, Set<TargetId> targets, Options options) {
    Diagnostics diagnostics = new Diagnostics();
    ScriptHeader header = new ScriptHeader(Slug.of(map.policy().name()), "", TOOL_VERSION, true);
    for (Dialects<?, ?, ?> d : Targets.registry()) {
      prepare(d, targets, map, header, options, diagnostics, new ArrayList<>());
    }
    return diagnostics.sorted();
  }
}
