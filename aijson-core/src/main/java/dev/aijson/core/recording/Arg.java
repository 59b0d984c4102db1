package dev.aijson.core.recording;

import dev.aijson.core.internal.NullArguments;
import java.lang.reflect.Type;

/**
 * One argument: a parameter's name, its declared (generic) type and the value passed.
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param name the parameter name
 * @param type the declared parameter type
 * @param value the value passed, or one of {@link ProviderOf}, {@link Unobserved}, {@link Bound}
 */
public record Arg(String name, Type type, Object value) {
  /**
   * Checks that name and type are present.
   *
   * @param name the parameter name
   * @param type the declared parameter type
   * @param value the value passed, or one of {@link ProviderOf}, {@link Unobserved}, {@link Bound}
   * @throws NullPointerException if {@code name} or {@code type} is null
   */
  public Arg {
    NullArguments.check(name, "Arg", "name", "Pass the parameter's name.");
    NullArguments.check(type, "Arg", "type", "Pass the parameter's declared type.");
  }
}
