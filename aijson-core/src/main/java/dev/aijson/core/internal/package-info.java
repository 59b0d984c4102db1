/**
 * Internals shared by aijson's own modules (core, guice, tools, cli): reading and writing
 * documents, replacing a file with new text atomically, the value encoder, type names, the
 * environment section, the validation plan with its decoded values that replay and code
 * generation both work from, and a map that holds its keys weakly by identity, which recording
 * and the Guice integration both use.
 *
 * <p><b>Not API.</b> These types are public only so that aijson's modules can share them; they
 * change without notice between versions, and code outside aijson must not use them. Use {@code
 * dev.aijson.core} and its {@code recording} and {@code replay} packages instead.
 */
package dev.aijson.core.internal;
