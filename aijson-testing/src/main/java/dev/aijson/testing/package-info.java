/**
 * Test fixtures shared by the tests of aijson's modules, used with scope {@code test} only: test
 * documents kept in {@code src/test/resources} ({@link dev.aijson.testing.TestDocuments}),
 * captured log records ({@link dev.aijson.testing.LogCapture}), compiling and loading Java source
 * ({@link dev.aijson.testing.JavaCompilation}), Graphviz ({@link dev.aijson.testing.Graphviz}),
 * the output of a command that prints to two writers ({@link dev.aijson.testing.CommandRun}) and
 * the files left in a folder ({@link dev.aijson.testing.FolderContents}).
 * Not API: nothing outside aijson's own tests may rely on it.
 */
package dev.aijson.testing;
