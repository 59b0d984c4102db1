package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code dot} and {@code mermaid} share: read a document, draw it, write the drawing. */
abstract class PictureCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "the file to write; standard output if absent")
  private Path output;

  /** Returns the drawing of {@code document}. */
  abstract String draw(AiJsonDocument document);

  @Override
  public Integer call() {
    String name = spec.name();
    Inputs.write(name, output, draw(Inputs.read(name, file)), spec.commandLine().getOut());
    return 0;
  }
}
