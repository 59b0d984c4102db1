package dev.aijson.cli;

import dev.aijson.tools.diff.AiJsonDiff;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson diff A B}: what changed between two pipelines; exit 1 if anything did. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {"Shows what changed from document A to document B: vars added, removed and"
        + " changed, each value with its JSON Pointer. Vars are matched by kind, class, key and"
        + " place in the graph, not by number; the environment section is ignored.",
        "Exits with 1 if the documents differ, 0 if they describe the same wiring."})
final class DiffCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "the first document, such as training's")
  private Path first;

  @Parameters(index = "1", paramLabel = "B", description = "the second document, such as serving's")
  private Path second;

  @Override
  public Integer call() {
    AiJsonDiff diff = AiJsonDiff.between(Inputs.read("diff", first), Inputs.read("diff", second));
    spec.commandLine().getOut().print(diff.report());
    return diff.isEmpty() ? 0 : Failure.INVALID;
  }
}
