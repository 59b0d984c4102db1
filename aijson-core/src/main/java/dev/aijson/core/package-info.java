/**
 * The aijson API: the document ({@link dev.aijson.core.AiJsonDocument}, {@link
 * dev.aijson.core.AiJsonVar}, {@link dev.aijson.core.AiJsonRef}), its value rules ({@link
 * dev.aijson.core.AiJsonValues}), reading limits ({@link dev.aijson.core.AiJsonLimits}), the
 * {@link dev.aijson.core.AiJson} annotation and the one exception, {@link
 * dev.aijson.core.AiJsonException}. No Guice.
 *
 * <p>Everything public here is API. Recording lives in {@code dev.aijson.core.recording}, replay
 * by reflection in {@code dev.aijson.core.replay}; {@code dev.aijson.core.internal} is shared by
 * aijson's own modules and is not API.
 *
 * <p>The error rule, followed by every aijson module: a bad document, or a replay that cannot be
 * done, is an {@link dev.aijson.core.AiJsonException} whose {@link
 * dev.aijson.core.AiJsonException#path() path()} is the JSON Pointer of the offending node; a
 * programmer's misuse of the API (a null argument, a cap of 0) is the standard Java exception
 * ({@link java.lang.NullPointerException}, {@link java.lang.IllegalArgumentException}). Either
 * way the message names the offender, the rule and the fix.
 */
package dev.aijson.core;
