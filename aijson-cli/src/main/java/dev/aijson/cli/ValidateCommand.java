package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.internal.ProblemList;
import dev.aijson.core.replay.AiJsonReplayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aijson validate FILE}: the JSON Schema of the format first, then every check replay
 * makes, without constructing anything; {@code --schema-only} stops after the schema.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {"Checks a document against the JSON Schema of the format (docs/aijson-1.schema.json,"
        + " shipped in this jar), then as replay would, constructing nothing: syntax, format,"
        + " references, that every class loads and every constructor and method matches its"
        + " signature, that every value fits its declared type, and the replay security policy.",
        "With --schema-only, checks the schema alone and loads no class: no --classpath needed.",
        "Prints what differs from the recorded environment as warnings; they do not fail."})
final class ValidateCommand implements Callable<Integer> {
  // the fix a refusal names, in the replayer's terms (see ReplaySecurity#fix)
  private static final Pattern REPLAYER_FIX =
      Pattern.compile("AiJsonReplayer\\.allowing\\(\"([^\"]*)\"\\) or allowPackages\\(\"\\1\"\\)");

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Option(names = "--schema-only",
      description = "check only the document's structure against the JSON Schema, loading no class")
  private boolean schemaOnly;

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
    if (schemaOnly && (classPath != null || !packages.isEmpty())) {
      throw new ParameterException(spec.commandLine(), "--schema-only loads no class, so "
          + (classPath != null ? "--classpath" : "--allow-package") + " has nothing to do. Leave"
          + " it out, or leave out --schema-only to check the classes too.");
    }
    String text = Inputs.readText("validate", file);
    DocumentSchema.Result schema = DocumentSchema.check(text);
    if (schema.pastBound()) {
      // not a syntax error but a value past a bound: the reader names its pointer and the bound
      Inputs.parse("validate", file, text);
    }
    // text that is not JSON is left to the reader, whose message says more, unless it is all we run
    if ((schema.json() || schemaOnly) && !schema.problems().isEmpty()) {
      throw schemaFailure(schema);
    }
    if (schemaOnly) {
      int size = schema.vars();
      spec.commandLine().getOut().println(file + " matches the JSON Schema of aijson format 1: "
          + size + (size == 1 ? " var" : " vars") + "; no class was loaded. Run aijson validate"
          + " without --schema-only to check the classes, signatures and values too.");
      return 0;
    }
    AiJsonDocument document = Inputs.parse("validate", file, text);
    ClassLoader loader = Inputs.classLoader("validate", classPath);
    AiJsonReplayer replayer;
    try {
      replayer = AiJsonReplayer.of(document, loader, packages.toArray(new String[0]));
    } catch (AiJsonException e) {
      throw Failure.invalid("validate", file + " is not valid", inCommandTerms(e));
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

  /**
   * Returns {@code e} with each refusal's fix in this command's terms: the replayer's
   * {@code allowing("p") or allowPackages("p")} becomes {@code --allow-package p}, and a class
   * loader passed with {@code withClassLoader} the command's {@code --classpath}.
   */
  private static AiJsonException inCommandTerms(AiJsonException e) {
    return ProblemList.rewritten(e,
        message -> Inputs.inClasspathTerms(REPLAYER_FIX.matcher(message).replaceAll("--allow-package $1")));
  }

  private Failure schemaFailure(DocumentSchema.Result schema) {
    Failure listed = Failure.invalid("validate", file + " does not match the JSON Schema of aijson"
        + " format 1", AiJsonException.of(schema.problems()));
    String fix = schema.json()
        ? "Fix the document at each JSON Pointer; docs/FORMAT.md describes every member."
        : "Only a JSON text can be checked against the schema.";
    return new Failure(Failure.INVALID, listed.getMessage() + "\n  " + fix, listed.getCause());
  }
}
