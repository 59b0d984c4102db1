/**
 * The generated object graphs the benchmarks provision, record, export and replay: a few model
 * classes bound under many {@code @Named} keys, with a shared singleton, constants and a
 * {@code @Provides} method.
 */
package dev.aijson.benchmarks.model;
