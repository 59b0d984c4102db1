package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.tools.graphs.AiJsonGraphs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson show FILE}: the document as a tree, from the vars nothing references down. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {"Shows a document as a tree: each var nothing else references, then what it"
        + " was built from. A shared object is shown once, then referred to by its var."})
final class ShowCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Override
  public Integer call() {
    AiJsonDocument document = Inputs.read("show", file);
    spec.commandLine().getOut().print(AiJsonGraphs.toTree(String.valueOf(file.getFileName()), document));
    return 0;
  }
}
