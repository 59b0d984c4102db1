package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.internal.ProblemList;
import dev.aijson.tools.codegen.AiJsonCodegen;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aijson codegen FILE --package P --class C}: a Guice module's Java source. */
@Command(
    name = "codegen",
    mixinStandardHelpOptions = true,
    description = {"Writes the Java source of a Guice AbstractModule with one @Provides method per"
        + " var, wiring the same graph. The document's classes must be on the class path"
        + " (--classpath) and reachable from the package."})
final class CodegenCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the aijson document")
  private Path file;

  @Option(names = "--package", required = true, paramLabel = "P",
      description = "the package of the generated class, such as com.acme.serving")
  private String packageName;

  @Option(names = "--class", required = true, paramLabel = "C",
      description = "the simple name of the generated class, such as PipelineWiring")
  private String className;

  @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
      description = "jars and class folders holding the document's classes, separated by the"
          + " path separator")
  private String classPath;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "the file to write, such as PipelineWiring.java; standard output if absent")
  private Path output;

  @Override
  public Integer call() {
    AiJsonDocument document = Inputs.read("codegen", file);
    String java;
    try {
      java = AiJsonCodegen.toJava(document, packageName, className,
          Inputs.classLoader("codegen", classPath));
    } catch (AiJsonException e) {
      throw Failure.invalid("codegen", "cannot write " + file + " as Java",
          ProblemList.rewritten(e, Inputs::inClasspathTerms));
    }
    Inputs.write("codegen", output, java, spec.commandLine().getOut());
    return 0;
  }
}
