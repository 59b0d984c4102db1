package dev.aijson.core.recording;

import dev.aijson.core.internal.NullArguments;
import java.util.List;

/**
 * An injected member: a field (one arg, written as its value) or a method (its args, written
 * as an object).
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param name the field or method name
 * @param field whether this is a field
 * @param args the one value of a field, or the arguments of a method
 */
public record Member(String name, boolean field, List<Arg> args) {
  /**
   * Checks the name and copies the args.
   *
   * @param name the field or method name
   * @param field whether this is a field
   * @param args the one value of a field, or the arguments of a method
   * @throws NullPointerException if {@code name} or {@code args} is null
   */
  public Member {
    NullArguments.check(name, "Member", "name", "Pass the field or method name.");
    args = List.copyOf(NullArguments.check(args, "Member", "args", "Pass the field's value or the method's arguments."));
  }
}
