/**
 * JMH benchmarks of aijson, each beside its baseline (plain Guice or Jackson), and the report
 * that turns their results into {@code docs/BENCHMARKS.md}.
 */
package dev.aijson.benchmarks;
