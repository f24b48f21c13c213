package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Explanation;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.LoadResult;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rpcwall explain}: what a packet meets on a host governed by the policy, and the rule that
 * decided it; or, with {@code --probes}, many flows at once with optional expectations.
 */
@Command(
    name = "explain",
    description = {
      "Print the decision for a flow in each profile and the rule that made it.",
      "With --probes, answer every flow of a CSV file (address,protocol,port[,profile][,expect]);"
          + " flows whose decision differs from 'expect' make the exit code 1."
    },
    mixinStandardHelpOptions = true)
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy (.rpcwall or YAML).")
  String file;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @ArgGroup(exclusive = false)
    Single single;

    @Option(names = "--probes", paramLabel = "FLOWS.csv", description = "CSV file of flows.")
    String probes;
  }

  static final class Single {
    @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "Remote IPv4 or IPv6 address.")
    String from;

    @Option(names = "--port", required = true, paramLabel = "N", description = "Local port, 0-65535.")
    int port;

    @Option(names = "--protocol", paramLabel = "tcp|udp", description = "Protocol (default: tcp).")
    Protocol protocol = Protocol.TCP;

    @Option(names = "--profile", paramLabel = "P", description = "domain, private or public (default: all three).")
    Profile profile;
  }

  @Option(names = "--format", description = "Output format: ${COMPLETION-CANDIDATES}.")
  OutputFormat format = OutputFormat.text;

  @Mixin RootOption root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Analysis analysis = root.analyze(file);
    if (analysis.hasErrors()) {
      Reporter.printText(err, analysis.diagnostics(), analysis.sources());
      return ExitCodes.INVALID;
    }
    DecisionMap map = analysis.decisionMap().orElseThrow();
    if (mode.single != null) {
      return explainOne(out, err, map);
    }
    return explainProbes(out, err, map);
  }

  private int explainOne(PrintWriter out, PrintWriter err, DecisionMap map) {
    Single s = mode.single;
    Optional<Ip> ip = Ip.parse(s.from.trim());
    if (ip.isEmpty()) {
      err.println("rpcwall explain: --from '" + Reporter.safe(s.from)
          + "' is not an IPv4 or IPv6 address");
      return ExitCodes.INVALID;
    }
    if (s.port < 0 || s.port > 65535) {
      err.println("rpcwall explain: --port " + s.port + " is outside 0-65535");
      return ExitCodes.INVALID;
    }
    Flow flow = new Flow(ip.get(), s.protocol, s.port, Optional.ofNullable(s.profile), Optional.empty());
    List<Answer> answers = answer(map, flow);
    if (format == OutputFormat.json) {
      out.println(Json.write(flowJson(flow, answers)));
    } else {
      printFlow(out, map, flow, answers);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private int explainProbes(PrintWriter out, PrintWriter err, DecisionMap map) {
    // The probes file is read like a policy file: only inside --root or its own directory.
    LoadResult loaded = root.loader(mode.probes).read(mode.probes);
    if (!(loaded instanceof LoadResult.Found found)) {
      err.println("rpcwall explain: cannot read probes file '" + Reporter.safe(mode.probes) + "'"
          + (loaded instanceof LoadResult.Refused r ? ": " + Reporter.safe(r.reason()) : ""));
      return ExitCodes.INVALID;
    }
    Optional<byte[]> bytes = Optional.of(found.bytes());
    Diagnostics diagnostics = new Diagnostics();
    // Decoded like a policy file: a UTF-8 BOM (Export-Csv in Windows PowerShell 5.1 writes one)
    // is skipped, UTF-16 with a BOM is read, invalid UTF-8 is a diagnostic.
    SourceFile csv = dev.rpcwall.compiler.source.SourceDecoder.decode(mode.probes, bytes.get(), diagnostics);
    List<Flow> flows = ProbeFile.parse(csv, diagnostics);
    if (diagnostics.hasErrors()) {
      Reporter.printText(err, diagnostics.sorted(), Map.of(csv.name(), csv));
      return ExitCodes.INVALID;
    }
    List<Object> json = new ArrayList<>();
    int failures = 0;
    for (Flow flow : flows) {
      List<Answer> answers = answer(map, flow);
      boolean ok = flow.expect().map(e -> answers.stream().allMatch(a -> a.explanation().decision() == e)).orElse(true);
      if (!ok) {
        failures++;
      }
      if (format == OutputFormat.json) {
        Map<String, Object> o = flowJson(flow, answers);
        o.put("expect", flow.expect().map(Decision::keyword).orElse(null));
        o.put("ok", ok);
        json.add(o);
      } else if (!ok) {
        out.println(Reporter.safe(flow.origin().location()) + ": expected " + flow.expect().get().keyword() + ", got:");
        printFlow(out, map, flow, answers);
      } else if (flow.expect().isEmpty()) {
        printFlow(out, map, flow, answers);
      }
    }
    if (format == OutputFormat.json) {
      out.println(Json.write(json));
    } else {
      long checked = flows.stream().filter(f -> f.expect().isPresent()).count();
      out.println(Reporter.plural(flows.size(), "flow") + ", " + checked + " with expectations, "
          + Reporter.plural(failures, "failure"));
    }
    out.flush();
    return failures > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** One flow to explain; {@code profile} empty means all three. */
  record Flow(Ip address, Protocol protocol, int port, Optional<Profile> profile, Optional<Decision> expect, SourceSpan origin) {
    Flow(Ip address, Protocol protocol, int port, Optional<Profile> profile, Optional<Decision> expect) {
      this(address, protocol, port, profile, expect, SourceSpan.UNKNOWN);
    }
  }

  record Answer(Profile profile, Explanation explanation) {}

  private static List<Answer> answer(DecisionMap map, Flow flow) {
    List<Answer> answers = new ArrayList<>();
    for (Profile p : Profile.values()) {
      if (flow.profile().isEmpty() || flow.profile().get() == p) {
        answers.add(new Answer(p, map.decide(p, flow.protocol(), flow.port(), flow.address())));
      }
    }
    return answers;
  }

  private static Map<String, Object> flowJson(Flow flow, List<Answer> answers) {
    Map<String, Object> o = Json.object();
    o.put("address", flow.address().toString());
    o.put("protocol", flow.protocol().keyword());
    o.put("port", flow.port());
    List<Object> results = new ArrayList<>();
    for (Answer a : answers) {
      Map<String, Object> r = Json.object();
      r.put("profile", a.profile().keyword());
      r.put("decision", a.explanation().decision().keyword());
      r.put("rule", a.explanation().rule().map(ExplainCommand::ruleJson).orElse(null));
      r.put("reason", a.explanation().reason().name().toLowerCase(Locale.ROOT));
      results.add(r);
    }
    o.put("results", results);
    return o;
  }

  private static Map<String, Object> ruleJson(Rule rule) {
    return Json.location(rule.origin(), rule.text());
  }

  private static void printFlow(PrintWriter out, DecisionMap map, Flow flow, List<Answer> answers) {
    out.println(flow.address() + " " + flow.protocol().keyword() + "/" + flow.port() + ":");
    SourceSpan defaultOrigin = map.policy().defaultOrigin();
    String byDefault =
        defaultOrigin.isKnown()
            ? "by " + Reporter.safe(defaultOrigin.location()) + "  default " + map.policy().defaultAction().keyword()
            : "by the implicit default (no 'default' statement: block)";
    for (Answer a : answers) {
      Explanation e = a.explanation();
      String reason =
          switch (e.reason()) {
            case RULE -> {
              Rule r = e.rule().orElseThrow();
              yield "by " + Reporter.safe(r.origin().location() + "  " + r.text());
            }
            case DEFAULT -> byDefault;
            case UNMANAGED -> "no rule names " + flow.protocol().keyword() + " port " + flow.port()
                + ": the policy does not manage it";
          };
      out.printf("  %-8s %-10s %s%n", a.profile().keyword(), e.decision().keyword(), reason);
    }
  }
}
