package dev.rpcwall.cli;

import dev.rpcwall.compiler.Resolution;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.InputSummary;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.verify.HostVerification;
import dev.rpcwall.compiler.verify.HostVerification.Difference;
import dev.rpcwall.compiler.verify.HostVerification.HostAnswer;
import dev.rpcwall.compiler.verify.HostVerification.HostCause;
import dev.rpcwall.compiler.verify.HostVerification.Model;
import dev.rpcwall.compiler.verify.HostVerification.Opening;
import dev.rpcwall.compiler.verify.HostVerification.PolicyAnswer;
import dev.rpcwall.compiler.verify.HostVerification.Report;
import dev.rpcwall.compiler.verify.HostVerification.Unknown;
import dev.rpcwall.emit.host.HostInputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rpcwall verify POLICY --against FILE...}: does what the host's rules decide equal what
 * the policy decides, everywhere in its managed space? Prints the counterexample regions.
 */
@Command(
    name = "verify",
    description = {
      "Compare what a host enforces (its scripts, exports, dumps or registry files, read together"
          + " in the order given) with the policy, over the policy's managed space: every profile,"
          + " tcp and udp, every port, every IPv4 and IPv6 address. Prints every region where they"
          + " decide differently, with the host rules and the policy rule responsible, and the"
          + " regions where the host's answer depends on conditions its files do not show.",
      "Exit 0 when equal, 1 when not (or when not enough information and no --assume-... option),"
          + " 2 for an invalid policy or when no input file can be read."
    },
    mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "POLICY")
  String policy;

  @Option(
      names = "--against",
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description = "The host's inputs, read in this order as one host.")
  List<String> against;

  @Option(names = "--format", description = "Output format: ${COMPLETION-CANDIDATES}.")
  OutputFormat format = OutputFormat.text;

  /** {@code wfas} or {@code ipsec}. */
  enum TargetModel {
    wfas,
    ipsec
  }

  @Option(
      names = "--target-model",
      paramLabel = "MODEL",
      description =
          "Judge the host as Windows Firewall (wfas) or as the legacy IPsec Policy Agent (ipsec)."
              + " Default: ipsec when the inputs leave IPsec filters and no firewall rule, else"
              + " wfas.")
  TargetModel model;

  static final class Assumption {
    @Option(
        names = "--assume-host-conditions-match",
        description =
            "Read conditions the inputs do not resolve (program, service, interface, local"
                + " address, unresolved %VAR%, fields a dump leaves out) as matching every packet.")
    boolean match;

    @Option(
        names = "--assume-host-conditions-differ",
        description = "Read such conditions as matching no packet.")
    boolean differ;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Assumption assumption;

  @Option(
      names = "--both",
      description = "Also print the answer under each reading of those conditions, side by side.")
  boolean both;

  @Option(
      names = "--also-unmanaged",
      description = "Also list what the host allows outside the policy's managed space.")
  boolean alsoUnmanaged;

  @Mixin RootOption root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The host's inputs are read on a second thread while the policy is analysed: the two are
    // independent, and at 100,000 networks each takes a good part of the run.
    CompletableFuture<HostInputs.Result> reading =
        CompletableFuture.supplyAsync(this::readInputs, Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "rpcwall-verify-inputs");
          t.setDaemon(true);
          return t;
        }));
    // The policy's meaning only: its checks give warnings, which `check` prints, never errors.
    Resolution resolution = root.resolve(policy);
    if (resolution.result().hasErrors() || resolution.result().value().isEmpty()) {
      Reporter.printText(err, resolution.result().diagnostics(), resolution.sources());
      err.flush();
      return ExitCodes.INVALID;
    }
    DecisionMap map = DecisionMap.of(resolution.result().orElseThrow());
    HostInputs.Result read;
    try {
      read = reading.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the inputs", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading the inputs failed", e.getCause());
    }
    for (String message : readFailures) {
      err.println(message);
    }

    boolean anyRead = false;
    for (InputSummary s : read.files()) {
      if (!s.format().equals("unknown")) {
        anyRead = true;
      }
    }
    if (!anyRead) {
      for (HostNote n : read.notes()) {
        err.println(n.at().location() + ": " + n.message() + " (hint: " + n.hint() + ")");
      }
      err.println("rpcwall: none of the inputs could be read as a host's rules");
      err.flush();
      return ExitCodes.INVALID;
    }

    EffectiveHost host = new EffectiveHost(read.host());
    Model m =
        model == null
            ? HostVerification.defaultModel(host)
            : (model == TargetModel.ipsec ? Model.IPSEC : Model.WFAS);
    Optional<HostCondition> assumed = Optional.empty();
    if (assumption != null && assumption.match) {
      assumed = Optional.of(HostCondition.ASSUME_MATCH);
    } else if (assumption != null && assumption.differ) {
      assumed = Optional.of(HostCondition.ASSUME_NO_MATCH);
    }
    Report report = HostVerification.verify(map, host, m, assumed, alsoUnmanaged);
    Report ifMatch = null;
    Report ifDiffer = null;
    if (both) {
      ifMatch = HostVerification.verify(map, host, m, Optional.of(HostCondition.ASSUME_MATCH), false);
      ifDiffer =
          HostVerification.verify(map, host, m, Optional.of(HostCondition.ASSUME_NO_MATCH), false);
    }

    if (format == OutputFormat.json) {
      Map<String, Object> o = Json.object();
      o.put("equal", report.equal());
      o.put("differences", report.differences().stream().map(VerifyCommand::json).toList());
      o.put("notEnoughInformation",
          report.notEnoughInformation().stream().map(VerifyCommand::json).toList());
      o.put("model", m.keyword());
      o.put("assumedDefaults", report.assumedDefaults().stream().map(Profile::keyword).toList());
      List<Object> notes = new ArrayList<>();
      for (String n : report.notes()) {
        notes.add(n);
      }
      for (HostNote n : read.notes()) {
        notes.add(n.at().location() + ": " + n.message());
      }
      o.put("notes", notes);
      if (alsoUnmanaged) {
        o.put("unmanaged", report.unmanaged().stream().map(VerifyCommand::json).toList());
      }
      if (both) {
        o.put("assumingMatch", answer(ifMatch));
        o.put("assumingDiffer", answer(ifDiffer));
      }
      out.println(Json.write(o));
    } else {
      text(out, m, read, report, ifMatch, ifDiffer);
    }
    out.flush();
    return report.equal() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /** Messages for the input files that could not be read from disk (printed by call()). */
  private final List<String> readFailures = new ArrayList<>();

  /** Reads every --against file that can be read, in order, as one host. */
  private HostInputs.Result readInputs() {
    List<HostInputs.Input> inputs = new ArrayList<>();
    for (String name : against) {
      try {
        inputs.add(new HostInputs.Input(name, Files.readAllBytes(Path.of(name))));
      } catch (IOException | InvalidPathException | SecurityException e) {
        readFailures.add("rpcwall: " + name + ": cannot read: " + e.getMessage());
      }
    }
    HostInputs readers = HostInputs.standard();
    return readers.read(inputs);
  }

  private void text(
      PrintWriter out, Model m, HostInputs.Result read, Report report, Report ifMatch,
      Report ifDiffer) {
    out.println("verify " + policy + " against " + String.join(", ", against) + " ("
        + (m == Model.WFAS ? "Windows Firewall" : "legacy IPsec filters") + ")");
    for (InputSummary s : read.files()) {
      out.println("  " + s.file() + ": " + s.format() + ", " + Reporter.plural(s.rules(), "rule"));
    }
    for (HostNote n : read.notes()) {
      out.println("  " + n.at().location() + ": " + Reporter.safe(n.message()));
    }
    if (!report.assumedDefaults().isEmpty()) {
      out.println("  default inbound action not set by any input for "
          + report.assumedDefaults().stream().map(Profile::keyword).collect(Collectors.joining(","))
          + ": assumed Block (as Windows ships)");
    }
    for (String n : report.notes()) {
      out.println("  " + n);
    }
    if (report.assumption().isPresent()) {
      out.println("  conditions the inputs do not resolve are read as "
          + (report.assumption().get() == HostCondition.ASSUME_MATCH ? "matching" : "not matching"));
    }
    out.println();
    if (!report.differences().isEmpty()) {
      out.println("differences (" + report.differences().size() + "):");
      for (Difference d : report.differences()) {
        out.println("  " + Reporter.safe(d.describe(m)));
      }
    }
    if (!report.notEnoughInformation().isEmpty()) {
      out.println("not enough information (" + report.notEnoughInformation().size()
          + "): the host's answer depends on conditions its files do not show");
      for (Unknown u : report.notEnoughInformation()) {
        out.println("  " + Reporter.safe(u.describe(m)));
      }
    }
    if (ifMatch != null) {
      out.println("if the host's conditions match: " + summary(ifMatch));
      for (Difference d : ifMatch.differences()) {
        out.println("  " + Reporter.safe(d.describe(m)));
      }
      out.println("if they do not match: " + summary(ifDiffer));
      for (Difference d : ifDiffer.differences()) {
        out.println("  " + Reporter.safe(d.describe(m)));
      }
    }
    if (alsoUnmanaged) {
      out.println("outside the policy's managed space, the host allows ("
          + report.unmanaged().size() + "):");
      for (Opening o : report.unmanaged()) {
        out.println("  " + Reporter.safe(o.describe(m)));
      }
    }
    out.println(report.equal()
        ? "equal: the host decides as the policy everywhere in its managed space"
        : "not equal: " + Reporter.plural(report.differences().size(), "difference")
            + (report.notEnoughInformation().isEmpty()
                ? ""
                : ", " + Reporter.plural(report.notEnoughInformation().size(), "region")
                    + " without enough information"));
  }

  private static String summary(Report r) {
    return r.equal() ? "equal" : Reporter.plural(r.differences().size(), "difference");
  }

  private static Map<String, Object> answer(Report r) {
    Map<String, Object> o = Json.object();
    o.put("equal", r.equal());
    o.put("differences", r.differences().stream().map(VerifyCommand::json).toList());
    return o;
  }

  private static Map<String, Object> region(
      AddressSet addresses,
      dev.rpcwall.compiler.semantics.Protocol protocol,
      dev.rpcwall.compiler.semantics.PortSet ports,
      Set<Profile> profiles) {
    Map<String, Object> o = Json.object();
    o.put("addresses", addresses.ranges().stream().map(IpRange::toString).toList());
    o.put("protocol", protocol.keyword());
    o.put("ports", ports.toString());
    o.put("profiles", profiles.stream().sorted().map(Profile::keyword).toList());
    return o;
  }

  static Map<String, Object> json(Difference d) {
    Map<String, Object> o = region(d.addresses(), d.protocol(), d.ports(), d.profiles());
    o.put("policy", json(d.policy()));
    o.put("host", json(d.host()));
    return o;
  }

  static Map<String, Object> json(Unknown u) {
    Map<String, Object> o = region(u.addresses(), u.protocol(), u.ports(), u.profiles());
    o.put("policy", json(u.policy()));
    o.put("ifConditionsMatch", json(u.ifMatch()));
    o.put("ifConditionsDiffer", json(u.ifDiffer()));
    return o;
  }

  static Map<String, Object> json(Opening u) {
    Map<String, Object> o = region(u.addresses(), u.protocol(), u.ports(), u.profiles());
    o.put("host", json(u.host()));
    return o;
  }

  private static Map<String, Object> json(PolicyAnswer p) {
    Map<String, Object> o = Json.object();
    o.put("decision", p.decision().keyword());
    o.put("rule", p.rule().map(r -> r.origin().location()).orElse(null));
    return o;
  }

  private static Map<String, Object> json(HostAnswer h) {
    Map<String, Object> o = Json.object();
    o.put("decision", h.decision());
    List<Object> rules = new ArrayList<>();
    for (HostCause c : h.rules()) {
      Map<String, Object> r = Json.object();
      r.put("name", c.name());
      r.put("at", c.at().isKnown() ? c.at().source() + ":" + c.at().line() : null);
      r.put("default", c.isDefault());
      r.put("condition", c.condition().isEmpty() ? null : c.condition());
      rules.add(r);
    }
    o.put("rules", rules);
    return o;
  }
}
