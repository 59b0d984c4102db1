package dev.aijson.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code aijson} command: reads aijson documents and shows them as a tree, validates them
 * against the format's JSON Schema and as replay would, compares two of them, lists their
 * parameters for experiment trackers, draws them (DOT, Mermaid), turns them into a Guice module's
 * Java source, and writes copies with values overridden.
 *
 * <p>Exit codes: 0 when all is well, 1 when a document is invalid or two documents differ, 2 for
 * a usage error or a file that cannot be read or written. Errors go to standard error, naming
 * the offender, the rule and the fix.
 *
 * <pre>{@code
 * bin/aijson show pipeline.json          # java -jar aijson-cli/target/aijson-cli-VERSION-all.jar
 * bin/aijson diff training.json serving.json
 * bin/aijson params pipeline.json --format json
 *
 * // in-process, as the tests run it
 * int code = AiJsonCli.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
 *     "validate", "pipeline.json", "--classpath", "models.jar");
 * }</pre>
 */
@Command(
    name = "aijson",
    mixinStandardHelpOptions = true,
    versionProvider = AiJsonCli.Version.class,
    description = "Reads, checks, compares, lists the parameters of, draws and converts aijson"
        + " documents.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Exit codes: 0 ok, 1 invalid document or documents differ, 2 usage error or"
        + " unreadable file."})
public final class AiJsonCli implements Callable<Integer> {
  @Spec private CommandSpec spec;

  private AiJsonCli() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the arguments, such as {@code show pipeline.json}
   */
  public static void main(String... args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command line in this process, writing to the given streams.
   *
   * @param out where results go
   * @param err where errors, warnings and usage help for errors go
   * @param args the arguments, such as {@code diff a.json b.json}
   * @return the exit code: 0 ok, 1 invalid or different, 2 usage error or unreadable file
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new AiJsonCli())
        .addSubcommand(new ShowCommand())
        .addSubcommand(new ValidateCommand())
        .addSubcommand(new DiffCommand())
        .addSubcommand(new ParamsCommand())
        .addSubcommand(new DotCommand())
        .addSubcommand(new MermaidCommand())
        .addSubcommand(new CodegenCommand())
        .addSubcommand(new SetCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof Failure failure) {
        line.getErr().println(failure.getMessage());
        line.getErr().flush();
        return failure.exitCode();
      }
      throw e;
    });
    int code;
    try {
      code = commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // thrown out of the command, whose document is garbage now: there is room for a message
      out.flush();
      err.println(outOfMemory(commandLine.getParseResult(), Runtime.getRuntime().maxMemory()));
      code = Failure.USAGE;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Returns the message for a command that ran out of heap, {@code maxHeap} bytes: which command
   * and files, that they are too large for the heap, and the option that gives a larger one.
   */
  static String outOfMemory(CommandLine.ParseResult parsed, long maxHeap) {
    CommandLine.ParseResult command = parsed == null ? null : parsed.subcommand();
    List<String> files = new ArrayList<>();
    if (command != null) {
      for (CommandLine.Model.PositionalParamSpec positional : command.matchedPositionals()) {
        if (positional.getValue() instanceof java.nio.file.Path file) {
          files.add(file.toString());
        }
      }
    }
    String name = command == null ? "aijson" : "aijson " + command.commandSpec().name();
    String what = files.isEmpty() ? "the input is" : String.join(" and ", files)
        + (files.size() == 1 ? " is" : " are");
    long suggested = Math.max(2, (maxHeap * 4 + (1L << 30) - 1) >> 30);
    return name + ": ran out of memory: " + what + " too large for this JVM's heap of "
        + (maxHeap >> 20) + " MiB (a document takes several times its size in memory while it is"
        + " read and checked). No output file was written. Run it again with a larger heap, such"
        + " as AIJSON_JAVA_OPTS=-Xmx" + suggested + "g for bin/aijson, or java -Xmx" + suggested
        + "g -jar aijson-cli-*-all.jar.";
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("aijson: name a command, such as aijson show FILE.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return Failure.USAGE;
  }

  /**
   * Gives {@code --version}: the version Maven wrote into {@code version.properties} when it built
   * these classes, else the jar manifest's.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"aijson " + version()};
    }

    static String version() {
      try (InputStream in = AiJsonCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          Properties properties = new Properties();
          properties.load(in);
          String version = properties.getProperty("version", "");
          // unfiltered, as when the classes were compiled outside Maven
          if (!version.isEmpty() && !version.startsWith("${")) {
            return version;
          }
        }
      } catch (IOException e) {
        // fall back to the manifest
      }
      String version = AiJsonCli.class.getPackage().getImplementationVersion();
      return version == null ? "(development build)" : version;
    }
  }
}
