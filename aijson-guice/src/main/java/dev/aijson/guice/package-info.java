/**
 * Guice integration: {@link dev.aijson.guice.AiJsonModule} records what an injector builds as an
 * aijson document, {@link dev.aijson.guice.AiJsonLog} exports it.
 */
package dev.aijson.guice;
