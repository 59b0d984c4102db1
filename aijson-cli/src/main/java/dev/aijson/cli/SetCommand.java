package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.internal.Abbreviation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson set FILE PATH=VALUE...}: a copy of the document with values overridden. */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {"Writes a copy of the document with values replaced, as"
        + " ReplayModule.override does. A PATH is dotted: a var, kwargs or members, an argument,"
        + " then record components, map keys and list indexes, such as var1.kwargs.vocabSize or"
        + " var2.kwargs.labels.0. A VALUE is read as JSON (200, 0.5, true, [\"a\",\"b\"],"
        + " \"$var3\" for a reference), else taken as a string.",
        "Types are not checked here: run aijson validate on the result."})
final class SetCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH=VALUE",
      description = "a value to replace, such as var0.kwargs.vocabSize=200")
  private List<String> assignments = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "the file to write; standard output if absent")
  private Path output;

  @Override
  public Integer call() {
    List<String[]> parsed = new ArrayList<>();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new ParameterException(spec.commandLine(), "\"" + Abbreviation.of(assignment) + "\" is not"
            + " PATH=VALUE. Write it as var0.kwargs.vocabSize=200.");
      }
      parsed.add(new String[] {assignment.substring(0, equals), assignment.substring(equals + 1)});
    }
    AiJsonDocument document = Inputs.read("set", file);
    List<String> changes = new ArrayList<>();
    for (String[] assignment : parsed) {
      try {
        Object value = JsonValues.parse(assignment[1]);
        document = document.override(assignment[0], value);
        changes.add(assignment[0] + " = " + AiJsonValues.show(value, null, 70));
      } catch (AiJsonException e) {
        // a path can be long: the message shows its start, as the override's own message does
        throw Failure.invalid("set", "cannot set " + Abbreviation.of(assignment[0]) + " in " + file, e);
      }
    }
    String json = document.toJson();
    try {
      // a value nested just within the limit for itself can take the document past it
      AiJsonDocument.parse(json);
    } catch (AiJsonException e) {
      throw Failure.invalid("set", "cannot set " + String.join(", ", parsed.stream()
          .map(assignment -> Abbreviation.of(assignment[0])).toList()) + " in " + file
          + ": the document it makes is not one aijson reads (nothing was written)", e);
    }
    Inputs.write("set", output, json, spec.commandLine().getOut());
    if (output != null) {
      spec.commandLine().getOut().println("wrote " + output + ": " + String.join(", ", changes));
    }
    return 0;
  }
}
