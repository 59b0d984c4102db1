package dev.aijson.cli;

import dev.aijson.core.AiJsonGraphs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson dot FILE}: the document as a Graphviz graph. */
@Command(
    name = "dot",
    mixinStandardHelpOptions = true,
    description = {"Writes the document as a Graphviz digraph: one node per var, one labelled edge"
        + " per reference. Render it with: dot -Tsvg -o pipeline.svg"})
final class DotCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "the file to write; standard output if absent")
  private Path output;

  @Override
  public Integer call() {
    String dot = AiJsonGraphs.toDot(Inputs.read("dot", file));
    Inputs.write("dot", output, dot, spec.commandLine().getOut());
    return 0;
  }
}
