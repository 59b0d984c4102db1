package dev.aijson.cli;

import dev.aijson.core.AiJsonGraphs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson mermaid FILE}: the document as a Mermaid flowchart. */
@Command(
    name = "mermaid",
    mixinStandardHelpOptions = true,
    description = {"Writes the document as a Mermaid flowchart, for Markdown that renders Mermaid"
        + " (paste it into a ```mermaid block)."})
final class MermaidCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "the file to write; standard output if absent")
  private Path output;

  @Override
  public Integer call() {
    String mermaid = AiJsonGraphs.toMermaid(Inputs.read("mermaid", file));
    Inputs.write("mermaid", output, mermaid, spec.commandLine().getOut());
    return 0;
  }
}
