package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.tools.diff.AiJsonDiff;
import dev.aijson.tools.params.AiJsonParams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson diff A B}: what changed between two pipelines; exit 1 if anything did. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {"Shows what changed from document A to document B: vars added, removed and"
        + " changed, each value with its JSON Pointer. Vars are matched by kind, class, key and"
        + " place in the graph, not by number; the environment section is ignored.",
        "With --params, shows the changes as parameters named as aijson params names them"
        + " (SubwordTokenizer.vocabSize: 1000 -> 2000), matched by name.",
        "Exits with 1 if the documents differ, 0 if they describe the same wiring."})
final class DiffCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "the first document, such as training's")
  private Path first;

  @Parameters(index = "1", paramLabel = "B", description = "the second document, such as serving's")
  private Path second;

  @Option(names = "--params",
      description = "show the changes as parameter names and values, as aijson params lists them")
  private boolean params;

  @Override
  public Integer call() {
    AiJsonDocument before = Inputs.read("diff", first);
    AiJsonDocument after = Inputs.read("diff", second);
    AiJsonDiff diff = AiJsonDiff.between(before, after);
    PrintWriter out = spec.commandLine().getOut();
    if (!params) {
      out.print(diff.report());
      return diff.isEmpty() ? 0 : Failure.INVALID;
    }
    AiJsonParams.Diff changes = AiJsonParams.diff(before, after);
    out.print(changes.report());
    if (changes.isEmpty() && !diff.isEmpty()) {
      int count = diff.changes().size();
      out.println("The wiring differs all the same, in " + count + (count == 1
          ? " place that is not a parameter" : " places that are not parameters") + " (such as"
          + " keys, scopes or signatures): run aijson diff without --params to see "
          + (count == 1 ? "it." : "them."));
    }
    return diff.isEmpty() && changes.isEmpty() ? 0 : Failure.INVALID;
  }
}
