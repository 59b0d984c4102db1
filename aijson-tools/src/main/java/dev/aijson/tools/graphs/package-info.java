/**
 * {@link dev.aijson.tools.graphs.AiJsonGraphs}: pictures of a document's object graph, as
 * Graphviz DOT, Mermaid or a text tree. Built on the public API of aijson-core only.
 */
package dev.aijson.tools.graphs;
