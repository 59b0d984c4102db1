/**
 * {@link dev.aijson.tools.diff.AiJsonDiff}: what changed between two documents, var by var,
 * with each var placed in the graph. Built on the public API of aijson-core only.
 */
package dev.aijson.tools.diff;
