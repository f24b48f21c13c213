package dev.rpcwall.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rpcwall init}: a starting policy from a built-in template, each naming the scenario it
 * comes from in its comments. With no template (or {@code --list}) it lists them. It never
 * overwrites a file: an existing {@code -o} file is a usage error (exit 2) and is left as it was.
 */
@Command(
    name = "init",
    description = {
      "Write a starting policy from a template (to stdout, or to a new file with -o).",
      "Without --template, or with --list, list the templates."
    },
    mixinStandardHelpOptions = true)
final class InitCommand implements Callable<Integer> {
  /** The templates, in the order they are listed, with one line each. */
  static final Map<String, String> TEMPLATES = templates();

  private static Map<String, String> templates() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("block-wmi-between-workstations",
        "WMI pinned to TCP 24158 and the RPC range pinned; only admin servers and DCs reach WMI and"
            + " DCOM on workstations");
    m.put("kb-rpc-lockdown",
        "KB154596 / KB908472: the endpoint mapper and a pinned RPC range only from the admin subnet");
    m.put("wmi-monitoring-range",
        "a monitoring server polls WMI over a pinned RPC range; nobody else reaches it");
    return java.util.Collections.unmodifiableMap(m);
  }

  @Spec CommandSpec spec;

  @Option(names = {"-t", "--template"}, paramLabel = "NAME", description = "The template to write.")
  String template;

  @Option(names = "--list", description = "List the templates and exit.")
  boolean list;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the policy to this new file (an existing file is never overwritten).")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list || template == null) {
      if (output != null) {
        err.println("rpcwall init: -o needs --template NAME");
        err.flush();
        return ExitCodes.INVALID;
      }
      out.println("Templates (rpcwall init --template NAME [-o FILE]):");
      TEMPLATES.forEach((name, what) -> out.println("  " + name + "  " + what));
      out.flush();
      return ExitCodes.OK;
    }
    String name = template.trim();
    if (!TEMPLATES.containsKey(name)) {
      err.println("rpcwall init: unknown template '" + Reporter.safe(template) + "'; use "
          + String.join(", ", TEMPLATES.keySet()));
      err.flush();
      return ExitCodes.INVALID;
    }
    byte[] text = text(name);
    if (output == null) {
      out.print(new String(text, StandardCharsets.UTF_8));
      out.flush();
      return ExitCodes.OK;
    }
    try {
      // CREATE_NEW fails when the file exists, atomically: nothing is ever overwritten.
      Files.write(output, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      err.println("rpcwall init: " + output + " exists; init never overwrites a file (choose another"
          + " name or remove it first)");
      err.flush();
      return ExitCodes.INVALID;
    } catch (IOException | SecurityException e) {
      err.println("rpcwall init: cannot write " + output + ": " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID;
    }
    err.println("wrote " + output + " (template " + name + "); next: rpcwall check " + output);
    err.flush();
    return ExitCodes.OK;
  }

  /** The template's bytes (UTF-8, LF) from the jar. */
  static byte[] text(String name) throws IOException {
    try (InputStream in = InitCommand.class.getResourceAsStream("templates/" + name + ".rpcwall")) {
      if (in == null) {
        throw new IllegalStateException("template " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    }
  }
}
