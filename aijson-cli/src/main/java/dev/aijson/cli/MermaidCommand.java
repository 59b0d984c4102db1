package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.tools.graphs.AiJsonGraphs;
import picocli.CommandLine.Command;

/** {@code aijson mermaid FILE}: the document as a Mermaid flowchart. */
@Command(
    name = "mermaid",
    mixinStandardHelpOptions = true,
    description = {"Writes the document as a Mermaid flowchart, for Markdown that renders Mermaid"
        + " (paste it into a ```mermaid block)."})
final class MermaidCommand extends PictureCommand {
  @Override
  String draw(AiJsonDocument document) {
    return AiJsonGraphs.toMermaid(document);
  }
}
