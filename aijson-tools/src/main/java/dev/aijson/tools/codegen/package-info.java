/**
 * {@link dev.aijson.tools.codegen.AiJsonCodegen}: the Java source of a Guice module that wires a
 * document's graph in code. It works from the same validation plan as replay (from aijson-core's
 * internal package, shared by aijson's own modules) and writes Guice code as text: this module
 * does not depend on Guice.
 */
package dev.aijson.tools.codegen;
