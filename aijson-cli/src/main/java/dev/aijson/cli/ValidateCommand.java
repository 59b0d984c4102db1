package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.replay.AiJsonReplayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson validate FILE}: every check replay makes, without constructing anything. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {"Checks a document as replay would, constructing nothing: syntax, format,"
        + " references, that every class loads and every constructor and method matches its"
        + " signature, that every value fits its declared type, and the replay security policy.",
        "Prints what differs from the recorded environment as warnings; they do not fail."})
final class ValidateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Option(names = "--allow-package", paramLabel = "PACKAGE",
      description = "a package (with its sub-packages) replay may construct and call freely;"
          + " repeat for more")
  private List<String> packages = new ArrayList<>();

  @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
      description = "jars and class folders holding the document's classes, separated by the"
          + " path separator")
  private String classPath;

  @Override
  public Integer call() {
    AiJsonDocument document = Inputs.read("validate", file);
    ClassLoader loader = Inputs.classLoader("validate", classPath);
    AiJsonReplayer replayer;
    try {
      replayer = AiJsonReplayer.of(document, loader, packages.toArray(new String[0]));
    } catch (AiJsonException e) {
      throw Failure.invalid("validate", file + " is not valid", e);
    } catch (IllegalArgumentException e) {
      throw new Failure(Failure.USAGE, "aijson validate: " + e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    for (String warning : replayer.environmentWarnings()) {
      err.println("aijson validate: warning: " + warning);
    }
    int size = document.vars().size();
    spec.commandLine().getOut().println(file + " is valid: " + size + (size == 1 ? " var" : " vars")
        + "; every class loads, every signature matches, every value fits its type and replay"
        + " allows every var.");
    return 0;
  }
}
