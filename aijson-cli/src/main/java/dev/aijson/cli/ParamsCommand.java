package dev.aijson.cli;

import dev.aijson.tools.params.AiJsonParams;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson params FILE}: the document's arguments as flat parameters for trackers. */
@Command(
    name = "params",
    mixinStandardHelpOptions = true,
    description = {"Prints the document's parameters as flat name and value pairs, in document"
        + " order, for experiment trackers (MLflow, W&B, TensorBoard HParams): each argument named"
        + " after its var's class and its path, such as SubwordTokenizer.vocabSize,"
        + " SentimentModule.config.ngramOrder or Config.layers[0].width; a reference as the"
        + " name of the var it points to. Vars of one class are told apart by their key's"
        + " qualifier, else by the argument that references them, else by #1, #2.",
        "Formats: tsv, name<TAB>value lines (the default); json, one flat object with numbers as"
        + " numbers; properties, java.util.Properties lines."})
final class ParamsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "tsv",
      description = "tsv (default), json or properties")
  private String format;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "the file to write; standard output if absent")
  private Path output;

  @Override
  public Integer call() {
    if (!format.equals("tsv") && !format.equals("json") && !format.equals("properties")) {
      throw new ParameterException(spec.commandLine(), "--format is \"" + format + "\", which is"
          + " not a format of aijson params. Use tsv, json or properties.");
    }
    AiJsonParams params = AiJsonParams.of(Inputs.read("params", file));
    String text = switch (format) {
      case "json" -> params.toJson();
      case "properties" -> params.toProperties();
      default -> params.toTsv();
    };
    Inputs.write("params", output, text, spec.commandLine().getOut());
    return 0;
  }
}
