/**
 * {@link dev.aijson.tools.params.AiJsonParams}: a document's arguments as flat, named parameters
 * for experiment trackers (MLflow, W&amp;B, TensorBoard HParams), and their differences between two
 * documents. Built on the public API of aijson-core only.
 */
package dev.aijson.tools.params;
