package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.tools.graphs.AiJsonGraphs;
import picocli.CommandLine.Command;

/** {@code aijson dot FILE}: the document as a Graphviz graph. */
@Command(
    name = "dot",
    mixinStandardHelpOptions = true,
    description = {"Writes the document as a Graphviz digraph: one node per var, one labelled edge"
        + " per reference. Render it with: dot -Tsvg -o pipeline.svg"})
final class DotCommand extends PictureCommand {
  @Override
  String draw(AiJsonDocument document) {
    return AiJsonGraphs.toDot(document);
  }
}
