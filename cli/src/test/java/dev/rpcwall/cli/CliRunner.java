package dev.rpcwall.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints. */
final class CliRunner {
  record Run(int exit, String out, String err) {}

  private CliRunner() {}

  static Run run(String... args) {
    CommandLine cl = RpcwallCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static Path examples() {
    return Path.of(System.getProperty("rpcwall.examples", "../examples"));
  }

  static String example(String name) {
    return examples().resolve(name).toString();
  }
}
