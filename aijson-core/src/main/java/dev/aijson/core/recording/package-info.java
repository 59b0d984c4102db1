/**
 * Recording: {@link dev.aijson.core.recording.AiJsonRecorder} turns finished objects into vars
 * of a document while a program runs. The engine is package-private.
 *
 * <p>The public records here ({@link dev.aijson.core.recording.Entry}, {@link
 * dev.aijson.core.recording.Arg}, {@link dev.aijson.core.recording.Member}, {@link
 * dev.aijson.core.recording.Bound}, {@link dev.aijson.core.recording.ProviderOf}, {@link
 * dev.aijson.core.recording.Unobserved}, {@link dev.aijson.core.recording.Elements}, {@link
 * dev.aijson.core.recording.ModuleState}) are the
 * recording SPI: what an integration such as
 * aijson-guice's {@code AiJsonModule} hands the recorder. Users of {@code AiJsonModule} need
 * none of them.
 */
package dev.aijson.core.recording;
